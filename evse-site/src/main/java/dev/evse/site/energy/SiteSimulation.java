package dev.evse.site.energy;

import dev.evse.api.EvseManagerListener;
import dev.evse.api.types.AuthorizationStatus;
import dev.evse.api.types.AuthorizationType;
import dev.evse.api.types.IdToken;
import dev.evse.api.types.IdTokenType;
import dev.evse.api.types.ProvidedIdToken;
import dev.evse.api.types.SessionEvent;
import dev.evse.api.types.SessionEventEnum;
import dev.evse.api.types.ValidationResult;
import dev.evse.core.EvseConfig;
import dev.evse.core.EvseManager;
import dev.evse.core.runtime.EventLoop;
import dev.evse.core.runtime.VirtualTimeLoopGroup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.IntFunction;

/**
 * A whole site in virtual time: N EVSEs with simulated cars running scripts, one energy manager
 * sharing the grid connection, run for a duration in milliseconds of real time. Records, every
 * second, what each EVSE was granted and what its car drew, and checks that the drawn current
 * never exceeds the fuse. For {@code evse simulate --evses 4 --grid 32}.
 *
 * <p>The simulated hardware lives in {@code evse-sim}, which this module does not depend on:
 * pass a {@link StationFactory} that builds one EVSE manager on simulated hardware.
 *
 * <pre>{@code
 * SiteSimulation.Result r = SiteSimulation.builder(factory)
 *     .evses(4).grid(32).run(Duration.ofHours(1));
 * r.print(System.out);
 * }</pre>
 */
public final class SiteSimulation {

  /** One EVSE manager on its hardware. */
  public interface Station {
    EvseManager evse();

    /** The current the car draws now on the EVSE's L1, L2, L3, in A. */
    double[] lineCurrentsA();

    /** Powers the hardware up and starts the EVSE manager. */
    void start();

    /** Starts an EV simulator script on the car (on the EVSE's loop). */
    void runScript(String script);
  }

  /** Builds station {@code index} (0-based) on {@code loop} with {@code config}. */
  @FunctionalInterface
  public interface StationFactory {
    Station create(EventLoop loop, EvseConfig config, int index);
  }

  /** What was in force and flowing at one second. */
  public record Sample(long atMillis, List<Double> grantedA, List<Integer> phases, List<Double> drawnA,
      PhaseCurrents gridDrawnA, PhaseCurrents capacityA) {}

  /**
   * The run: one sample per second, the peak current drawn per grid phase (checked at every
   * instant, not only at the samples), and whether it ever exceeded the fuse.
   */
  public record Result(List<String> evseIds, List<Sample> samples, PhaseCurrents peakDrawnA, double fuseLimitA,
      long decisions) {
    public Result {
      evseIds = List.copyOf(evseIds);
      samples = List.copyOf(samples);
    }

    public boolean fuseRespected() {
      return peakDrawnA.max() <= fuseLimitA + 1e-6;
    }

    /** A table of granted (×phases) and drawn currents, one row per change, and a summary. */
    public void print(Appendable out) {
      try {
        StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "%9s", "time"));
        for (String id : evseIds) {
          head.append(String.format(Locale.ROOT, " | %-19s", shortId(id)));
        }
        head.append(" | grid L1/L2/L3 A (limit)");
        out.append(head).append('\n');
        String previous = null;
        for (Sample s : samples) {
          StringBuilder row = new StringBuilder();
          for (int i = 0; i < evseIds.size(); i++) {
            row.append(String.format(Locale.ROOT, " | %5.1f x%d drew %5.1f", s.grantedA().get(i), s.phases().get(i),
                s.drawnA().get(i)));
          }
          row.append(String.format(Locale.ROOT, " | %5.1f/%5.1f/%5.1f (%.1f)", s.gridDrawnA().l1(),
              s.gridDrawnA().l2(), s.gridDrawnA().l3(), s.capacityA().max()));
          String line = row.toString();
          if (!line.equals(previous)) {
            out.append(clock(s.atMillis())).append(line).append('\n');
            previous = line;
          }
        }
        out.append(String.format(Locale.ROOT, "peak drawn %s, fuse %.1f A per phase: %s; %d rounds%n", peakDrawnA,
            fuseLimitA, fuseRespected() ? "never exceeded" : "EXCEEDED", decisions));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    private static String shortId(String id) {
      return id.length() <= 19 ? id : id.substring(id.length() - 19);
    }

    private static String clock(long ms) {
      long s = ms / 1000;
      return String.format(Locale.ROOT, "%3d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60);
    }
  }

  public static Builder builder(StationFactory factory) {
    return new Builder(factory);
  }

  /** Settings of a run. */
  public static final class Builder {
    private final StationFactory factory;
    private int evses = 4;
    private EnergyConfig energy = EnergyConfig.defaults();
    private IntFunction<String> scripts = Builder::defaultScript;
    private IntFunction<EvseConfig> evseConfigs = i -> new EvseConfig();
    private String token = "SIMULATED";

    private Builder(StationFactory factory) {
      this.factory = Objects.requireNonNull(factory, "factory");
    }

    /** Number of EVSEs (connector ids 1..n, module ids evse_manager_1..n). */
    public Builder evses(int n) {
      if (n < 1 || n > 128) {
        throw new IllegalArgumentException("evses must be 1..128: " + n);
      }
      this.evses = n;
      return this;
    }

    /** The grid connection's fuse in A per phase (keeps the rest of the energy config). */
    public Builder grid(double fuseLimitA) {
      energy.gridConnection.fuseLimitA = fuseLimitA;
      return this;
    }

    public Builder energy(EnergyConfig config) {
      this.energy = Objects.requireNonNull(config);
      return this;
    }

    /**
     * The car script of EVSE {@code i} (0-based). Default: car i arrives after i × 60 s, draws
     * up to 32 A on three phases for an hour, leaves.
     */
    public Builder scripts(IntFunction<String> scripts) {
      this.scripts = Objects.requireNonNull(scripts);
      return this;
    }

    /** Options of EVSE {@code i}; its connector id is set to i + 1. */
    public Builder evseConfigs(IntFunction<EvseConfig> configs) {
      this.evseConfigs = Objects.requireNonNull(configs);
      return this;
    }

    /** The RFID token presented and accepted when an EVSE asks for authorisation. */
    public Builder token(String token) {
      this.token = Objects.requireNonNull(token);
      return this;
    }

    static String defaultScript(int i) {
      return "sleep " + (i * 60 + 1) + ";iec_wait_pwr_ready;draw_power_regulated 32,3;sleep 3600;unplug";
    }

    public Result run(Duration duration) {
      return new SiteSimulation(this).run(duration.toMillis());
    }
  }

  private final Builder b;

  private SiteSimulation(Builder b) {
    this.b = b;
  }

  private Result run(long durationMs) {
    try (VirtualTimeLoopGroup time = new VirtualTimeLoopGroup()) {
      EnergyManager energy = new EnergyManager(time.newLoop("energy"), b.energy);
      List<Station> stations = new ArrayList<>();
      List<String> ids = new ArrayList<>();
      List<Integer> offsets = new ArrayList<>();
      for (int i = 0; i < b.evses; i++) {
        EvseConfig c = b.evseConfigs.apply(i);
        c.connectorId = i + 1;
        Station st = b.factory.create(time.newLoop("evse-" + (i + 1)), c, i);
        stations.add(st);
        ids.add(st.evse().moduleId());
        offsets.add(b.energy.evse(st.evse().moduleId()).l1OnGridPhase - 1);
        energy.addEvse(st.evse());
        st.evse().addListener(new Authorizer(st.evse(), b.token));
      }
      EnergyDecision[] last = new EnergyDecision[1];
      long[] decisions = new long[1];
      energy.addDecisionListener(d -> {
        last[0] = d;
        decisions[0]++;
      });
      energy.start();
      for (int i = 0; i < stations.size(); i++) {
        Station st = stations.get(i);
        st.start();
        String script = b.scripts.apply(i);
        if (script != null && !script.isBlank()) {
          st.runScript(script);
        }
      }
      double[] peak = new double[3];
      List<Sample> samples = new ArrayList<>();
      long nextSample = 0;
      while (true) {
        long due = time.nextDue();
        if (due < 0 || due > durationMs) {
          time.advanceTo(durationMs);
          break;
        }
        while (nextSample < due) {
          samples.add(sample(nextSample, stations, ids, offsets, last[0]));
          nextSample += 1000;
        }
        time.advanceTo(due);
        double[] grid = gridCurrents(stations, offsets);
        for (int k = 0; k < 3; k++) {
          peak[k] = Math.max(peak[k], grid[k]);
        }
      }
      energy.stop();
      return new Result(ids, samples, PhaseCurrents.of(peak), b.energy.gridConnection.fuseLimitA, decisions[0]);
    }
  }

  /** Current on each grid phase now, the EVSEs' lines mapped through their wiring. */
  static double[] gridCurrents(List<Station> stations, List<Integer> offsets) {
    double[] grid = new double[3];
    for (int i = 0; i < stations.size(); i++) {
      double[] lines = stations.get(i).lineCurrentsA();
      for (int j = 0; j < 3; j++) {
        grid[(offsets.get(i) + j) % 3] += lines[j];
      }
    }
    return grid;
  }

  private static Sample sample(long at, List<Station> stations, List<String> ids, List<Integer> offsets,
      EnergyDecision d) {
    List<Double> granted = new ArrayList<>();
    List<Integer> phases = new ArrayList<>();
    List<Double> drawn = new ArrayList<>();
    for (int i = 0; i < stations.size(); i++) {
      Optional<EvseDecision> e = d == null ? Optional.empty() : d.evse(ids.get(i));
      granted.add(e.map(EvseDecision::grantedCurrentA).orElse(0.0));
      phases.add(e.map(EvseDecision::phases).orElse(0));
      double[] l = stations.get(i).lineCurrentsA();
      drawn.add(Math.max(l[0], Math.max(l[1], l[2])));
    }
    return new Sample(at, granted, phases, drawn, PhaseCurrents.of(gridCurrents(stations, offsets)),
        d == null ? PhaseCurrents.ZERO : d.capacityPerPhaseA());
  }

  /** Presents a token and accepts it when the EVSE asks for authorisation. */
  static final class Authorizer implements EvseManagerListener {
    private final EvseManager evse;
    private final ProvidedIdToken token;

    Authorizer(EvseManager evse, String token) {
      this.evse = evse;
      this.token = new ProvidedIdToken(Optional.empty(), new IdToken(token, IdTokenType.ISO14443, Optional.empty()),
          Optional.empty(), AuthorizationType.RFID, Optional.empty(), Optional.empty(), Optional.empty(),
          Optional.empty());
    }

    @Override
    public void onSessionEvent(SessionEvent event) {
      if (event.event() == SessionEventEnum.AuthRequired) {
        evse.authorizeResponse(token, new ValidationResult(AuthorizationStatus.Accepted, Optional.empty(), List.of(),
            Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()));
      }
    }
  }
}
