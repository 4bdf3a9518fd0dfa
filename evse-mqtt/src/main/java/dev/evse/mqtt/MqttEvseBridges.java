package dev.evse.mqtt;

import dev.evse.core.EvseManager;
import dev.evse.mqtt.limits.ExternalEnergyLimitsApi;
import dev.evse.mqtt.limits.ExternalLimitsListener;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Every EVSE manager of a process on one MQTT connection, plus the optional
 * {@code external_energy_limits_consumer} API.
 *
 * <pre>{@code
 * MqttEvseBridges bridges = new MqttEvseBridges(mqtt, ApiOptions.defaults());
 * for (EvseBinding b : bindings) {
 *   bridges.add(b, ports -> ports.applyTo(EvseManager.builder(group.newLoop(b.consumerModuleId()), ports.board()), true)
 *       .config(configFor(b)).build());
 * }
 * bridges.addExternalLimits("ext_limits", "", (module, limits) -> energyManager.setExternalLimits(limits));
 * bridges.start().get(5, TimeUnit.SECONDS);
 * bridges.evses().forEach(b -> b.evse().start());
 * }</pre>
 */
public final class MqttEvseBridges implements AutoCloseable {
  private final MqttConnection mqtt;
  private final ApiOptions options;
  private final List<EvseBridge> evses = new CopyOnWriteArrayList<>();
  private final List<ExternalEnergyLimitsApi> limits = new CopyOnWriteArrayList<>();
  private final Set<String> usedTrees = new HashSet<>();

  public MqttEvseBridges(MqttConnection mqtt, ApiOptions options) {
    this.mqtt = Objects.requireNonNull(mqtt, "mqtt");
    this.options = Objects.requireNonNull(options, "options");
  }

  /**
   * Wires one EVSE per binding; {@code kernel} builds each EVSE manager on its MQTT ports.
   */
  public static MqttEvseBridges wire(MqttConnection mqtt, ApiOptions options, List<EvseBinding> bindings,
      BiFunction<EvseBinding, EvsePorts, EvseManager> kernel) {
    MqttEvseBridges bridges = new MqttEvseBridges(mqtt, options);
    for (EvseBinding b : bindings) {
      bridges.add(b, ports -> kernel.apply(b, ports));
    }
    return bridges;
  }

  /** Adds one EVSE; module ids must not repeat within their API. */
  public synchronized EvseBridge add(EvseBinding binding, Function<EvsePorts, EvseManager> kernel) {
    List<String> trees = new ArrayList<>();
    trees.add(binding.topicPrefix() + "|evse_manager_consumer|" + binding.consumerModuleId());
    trees.add(binding.topicPrefix() + "|evse_board_support|" + binding.boardModuleId());
    binding.meterModuleId().ifPresent(id -> trees.add(binding.topicPrefix() + "|powermeter|" + id));
    for (String t : trees) {
      if (usedTrees.contains(t)) {
        throw new IllegalArgumentException("module id used twice: " + t.replace('|', '/'));
      }
    }
    EvseBridge bridge = EvseBridge.create(mqtt, binding, options, kernel);
    usedTrees.addAll(trees);
    evses.add(bridge);
    return bridge;
  }

  /** Serves {@code external_energy_limits_consumer} as {@code moduleId}; limits go to {@code listener}. */
  public synchronized ExternalEnergyLimitsApi addExternalLimits(String moduleId, String prefix,
      ExternalLimitsListener listener) {
    String tree = (prefix == null ? "" : prefix) + "|external_energy_limits_consumer|" + moduleId;
    if (!usedTrees.add(tree)) {
      throw new IllegalArgumentException("module id used twice: " + tree.replace('|', '/'));
    }
    ExternalEnergyLimitsApi api = new ExternalEnergyLimitsApi(mqtt, prefix, moduleId, options, listener);
    limits.add(api);
    return api;
  }

  /** Starts the MQTT side of every EVSE and limits API; completes when all are subscribed. */
  public CompletableFuture<Void> start() {
    List<CompletableFuture<Void>> all = new ArrayList<>();
    evses.forEach(e -> all.add(e.start()));
    limits.forEach(l -> all.add(l.start()));
    return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new));
  }

  public List<EvseBridge> evses() {
    return List.copyOf(evses);
  }

  public List<ExternalEnergyLimitsApi> externalLimits() {
    return List.copyOf(limits);
  }

  public MqttConnection connection() {
    return mqtt;
  }

  /** Ends the MQTT side of every EVSE (the connection stays open). */
  @Override
  public void close() {
    evses.forEach(EvseBridge::close);
    limits.forEach(ExternalEnergyLimitsApi::close);
  }
}
