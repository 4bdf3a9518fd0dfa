package dev.evse.site.auth;

import dev.evse.api.types.ConnectorTypeEnum;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Feasibility of global reservations (spec 9.3): can every car of the global reservations find a
 * free EVSE, whatever order the cars arrive in and whatever free EVSE each one takes? Cars are
 * adversarial, so the set is feasible only if no sequence of arrivals and choices leaves a car
 * without an EVSE.
 */
final class GlobalRoom {
  private GlobalRoom() {}

  /**
   * Feasible(G, S): {@code cars} are the connector types of the global reservations (G), {@code
   * reserved} the EVSEs taken by EVSE-specific reservations (S), {@code evses} all known EVSEs.
   */
  static boolean feasible(Collection<EvseRecord> evses, List<ConnectorTypeEnum> cars, Set<Integer> reserved) {
    if (cars.size() + reserved.size() > evses.size()) {
      return false;
    }
    if (cars.isEmpty()) {
      return true;
    }
    List<EvseRecord> base = new ArrayList<>();
    for (EvseRecord e : evses) {
      if (e.couldTakeACar() && !reserved.contains(e.evseId)) {
        base.add(e);
      }
    }
    Map<ConnectorTypeEnum, Integer> byType = new LinkedHashMap<>();
    for (ConnectorTypeEnum t : cars) {
      byType.merge(t, 1, Integer::sum);
    }
    ConnectorTypeEnum[] types = byType.keySet().toArray(new ConnectorTypeEnum[0]);
    int[] counts = byType.values().stream().mapToInt(Integer::intValue).toArray();
    boolean[][] fits = new boolean[types.length][base.size()];
    for (int t = 0; t < types.length; t++) {
      for (int i = 0; i < base.size(); i++) {
        fits[t][i] = base.get(i).hasAvailableConnectorOfType(types[t]);
      }
    }
    // EVSEs that fit exactly the same car types are interchangeable: try one of each class.
    int[] classOf = new int[base.size()];
    Map<String, Integer> classes = new HashMap<>();
    for (int i = 0; i < base.size(); i++) {
      StringBuilder sig = new StringBuilder();
      for (int t = 0; t < types.length; t++) {
        sig.append(fits[t][i] ? '1' : '0');
      }
      classOf[i] = classes.computeIfAbsent(sig.toString(), k -> classes.size());
    }
    return !new Search(fits, classOf, classes.size()).carStranded(counts, new BitSet());
  }

  private static final class Search {
    final boolean[][] fits;
    final int[] classOf;
    final int classCount;
    final Map<String, Boolean> memo = new HashMap<>();

    Search(boolean[][] fits, int[] classOf, int classCount) {
      this.fits = fits;
      this.classOf = classOf;
      this.classCount = classCount;
    }

    /** True when some order of arrivals and choices leaves a car without a free EVSE. */
    boolean carStranded(int[] counts, BitSet taken) {
      String key = Arrays.toString(counts) + taken;
      Boolean known = memo.get(key);
      if (known != null) {
        return known;
      }
      boolean stranded = false;
      for (int t = 0; t < counts.length && !stranded; t++) {
        if (counts[t] > 0 && firstFree(t, taken, -1) < 0) {
          stranded = true;
        }
      }
      for (int t = 0; t < counts.length && !stranded; t++) {
        if (counts[t] == 0) {
          continue;
        }
        for (int c = 0; c < classCount && !stranded; c++) {
          int i = firstFree(t, taken, c);
          if (i < 0) {
            continue;
          }
          counts[t]--;
          taken.set(i);
          stranded = carStranded(counts, taken);
          taken.clear(i);
          counts[t]++;
        }
      }
      memo.put(key, stranded);
      return stranded;
    }

    /** The first untaken EVSE fitting car type t (of class c, or any class when c < 0), or -1. */
    private int firstFree(int t, BitSet taken, int c) {
      for (int i = 0; i < classOf.length; i++) {
        if (fits[t][i] && !taken.get(i) && (c < 0 || classOf[i] == c)) {
          return i;
        }
      }
      return -1;
    }
  }
}
