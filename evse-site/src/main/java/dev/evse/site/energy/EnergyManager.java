package dev.evse.site.energy;

import dev.evse.api.types.EnergyFlowRequest;
import dev.evse.api.types.EnforcedLimits;
import dev.evse.api.types.ExternalLimits;
import dev.evse.core.EvseManager;
import dev.evse.core.runtime.Cancellable;
import dev.evse.core.runtime.EventLoop;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The site energy manager: shares one grid connection among the EVSEs of an installation, as
 * EVerest's EnergyManager does with its energy tree. Every {@code update_interval} (and at once
 * when an EVSE sends a priority request) it reads each EVSE's latest {@code energy_flow_request}
 * and sends each one {@code enforce_limits} with {@code valid_for} = ten intervals, so an EVSE
 * whose manager stops hearing stops charging by itself.
 *
 * <p>Runs on its own {@link EventLoop}; every method may be called from any thread and returns
 * at once. Decision listeners are called on that loop and must not block.
 *
 * <pre>{@code
 * EnergyManager energy = new EnergyManager(group.newLoop("energy"), EnergyConfig.defaults());
 * for (EvseManager evse : evses) {
 *   energy.addEvse(evse);          // before evse.start(), so its first request is seen
 * }
 * energy.addDecisionListener(d -> dashboard.publish(d));
 * energy.start();
 * energy.setExternalLimits("grid_connection", limits);   // from external_energy_limits_consumer
 * }</pre>
 */
public final class EnergyManager {
  private static final Logger LOG = LoggerFactory.getLogger(EnergyManager.class);

  private final EventLoop loop;
  private final EnergyConfig config;
  private final SitePlanner planner;
  private final Map<String, Function<EnforcedLimits, ? extends CompletionStage<?>>> enforcers = new HashMap<>();
  private final List<Consumer<EnergyDecision>> listeners = new CopyOnWriteArrayList<>();
  private Cancellable timer = Cancellable.NONE;
  private boolean started;
  private boolean roundPending;
  private volatile EnergyDecision last;

  public EnergyManager(EventLoop loop, EnergyConfig config) {
    this.loop = Objects.requireNonNull(loop, "loop");
    this.config = Objects.requireNonNull(config, "config").validated();
    this.planner = new SitePlanner(config);
  }

  public EnergyConfig config() {
    return config;
  }

  /**
   * Connects an EVSE of this process: listens to its requests and sends it its limits (its
   * {@code moduleId()} is the node uuid). Call before {@code evse.start()}.
   */
  public void addEvse(EvseManager evse) {
    Consumer<EnergyFlowRequest> in = addNode(evse.moduleId(), evse::enforceLimits);
    evse.addEnergyFlowListener(in);
  }

  /**
   * Connects any EVSE node (e.g. one reached over MQTT): returns where its
   * {@code energy_flow_request}s go; {@code enforcer} receives its {@code enforce_limits} (called
   * on the manager's loop; must not block).
   */
  public Consumer<EnergyFlowRequest> addNode(String uuid,
      Function<EnforcedLimits, ? extends CompletionStage<?>> enforcer) {
    Objects.requireNonNull(uuid, "uuid");
    Objects.requireNonNull(enforcer, "enforcer");
    loop.post(() -> {
      enforcers.put(uuid, enforcer);
      planner.addEvse(uuid);
    });
    return request -> onRequest(uuid, request);
  }

  /**
   * Disconnects an EVSE: it gets no more limits. What it was granted is still counted until that
   * grant must have expired at the EVSE, so its current cannot be given away too early.
   */
  public void removeEvse(String uuid) {
    loop.post(() -> {
      enforcers.remove(uuid);
      planner.removeEvse(uuid);
    });
  }

  /**
   * External limits for a node of the tree (EVerest's {@code external_energy_limits_consumer}
   * {@code set_external_limits}): the grid connection's id, a sub-distribution's id or an EVSE's
   * module id. Replaces the node's previous external limits; an empty {@code schedule_import}
   * removes them. The entry of {@code schedule_import} in force applies (the first one already
   * before its time, the last one forever); of its root and leaves side and of every other limit,
   * the lowest wins. Setpoints and {@code schedule_export} are not supported (no export).
   */
  public void setExternalLimits(String nodeId, ExternalLimits limits) {
    Objects.requireNonNull(nodeId, "nodeId");
    Objects.requireNonNull(limits, "limits");
    loop.post(() -> {
      if (!limits.scheduleSetpoints().isEmpty()) {
        LOG.debug("external limits for {}: schedule_setpoints ignored (not supported)", nodeId);
      }
      planner.setExternalLimits(nodeId, limits);
      LOG.debug("external limits for {} set: {} import entries", nodeId, limits.scheduleImport().size());
      requestRound();
    });
  }

  public void clearExternalLimits(String nodeId) {
    setExternalLimits(nodeId, new ExternalLimits(List.of(), List.of(), List.of()));
  }

  /** Receives each round's {@link EnergyDecision}, on the manager's loop. */
  public void addDecisionListener(Consumer<EnergyDecision> listener) {
    listeners.add(Objects.requireNonNull(listener));
  }

  public void removeDecisionListener(Consumer<EnergyDecision> listener) {
    listeners.remove(listener);
  }

  /** The latest round's decision (from any thread). */
  public Optional<EnergyDecision> lastDecision() {
    return Optional.ofNullable(last);
  }

  /** First round now, then one every {@code update_interval}. */
  public void start() {
    loop.post(() -> {
      if (started) {
        return;
      }
      started = true;
      round();
      timer = loop.every(config.updateIntervalMillis(), this::round);
    });
  }

  /**
   * Stops the rounds. Nothing more is sent; the EVSEs' grants run out after {@code valid_for}
   * and they stop charging, as in EVerest when the EnergyManager goes away.
   */
  public void stop() {
    loop.post(() -> {
      started = false;
      timer.cancel();
      timer = Cancellable.NONE;
    });
  }

  // ---------------------------------------------------------------- internals

  private void onRequest(String uuid, EnergyFlowRequest request) {
    loop.post(() -> {
      if (!uuid.equals(request.uuid())) {
        LOG.debug("energy_flow_request of {} carries uuid {}: taken as {}", uuid, request.uuid(), uuid);
      }
      planner.onRequest(uuid, request, loop.clock().monotonicMillis());
      if (request.priorityRequest().orElse(false)) {
        requestRound();
      }
    });
  }

  /** An extra round as soon as possible (priority request, new limits); several collapse into one. */
  private void requestRound() {
    if (!started || roundPending) {
      return;
    }
    roundPending = true;
    loop.post(this::round);
  }

  private void round() {
    roundPending = false;
    if (!started) {
      return;
    }
    SitePlanner.Plan plan = planner.plan(loop.clock().monotonicMillis(), loop.clock().wallTime());
    for (SitePlanner.Send send : plan.sends()) {
      Function<EnforcedLimits, ? extends CompletionStage<?>> enforcer = enforcers.get(send.uuid());
      if (enforcer == null) {
        continue;
      }
      try {
        enforcer.apply(send.limits()).whenComplete((ok, error) -> {
          if (error != null) {
            LOG.warn("enforce_limits to {} failed: {}", send.uuid(), error.toString());
          }
        });
      } catch (RuntimeException e) {
        LOG.warn("enforce_limits to {} failed", send.uuid(), e);
      }
    }
    EnergyDecision d = plan.decision();
    last = d;
    if (LOG.isDebugEnabled()) {
      LOG.debug("round {}: capacity {} ({}), granted {}, may flow {}: {}", d.round(), d.capacityPerPhaseA(),
          d.limitSource(), d.grantedPerPhaseA(), d.committedPerPhaseA(), d.evses());
    }
    for (Consumer<EnergyDecision> l : listeners) {
      try {
        l.accept(d);
      } catch (RuntimeException e) {
        LOG.warn("energy decision listener failed", e);
      }
    }
  }
}
