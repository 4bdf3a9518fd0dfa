package dev.evse.core.energy;

import dev.evse.api.codec.Rfc3339;
import dev.evse.api.types.EnergyFlowRequest;
import dev.evse.api.types.EvseState;
import dev.evse.api.types.HardwareCapabilities;
import dev.evse.api.types.IntegerWithSource;
import dev.evse.api.types.LimitsReq;
import dev.evse.api.types.NodeType;
import dev.evse.api.types.NumberWithSource;
import dev.evse.api.types.Powermeter;
import dev.evse.api.types.ScheduleReqEntry;
import dev.evse.core.charger.ChargerState;
import dev.evse.core.runtime.Cancellable;
import dev.evse.core.runtime.EventLoop;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The EVSE as a leaf of the energy tree (spec 8): tells the energy manager what it could draw
 * ({@code energy_flow_request}) every second, and at once when a car starts waiting or a session
 * ends. The answer, {@code enforce_limits}, comes back through {@code EvseManager.enforceLimits}.
 */
public final class EnergyNode {
  public static final long REQUEST_PERIOD_MS = 1000;
  static final String SOURCE_HARDWARE = "HardwareCapabilities";
  static final String SOURCE_IDLE = "Idle";

  /** What the node reads from the EVSE. */
  public interface View {
    ChargerState state();

    Optional<HardwareCapabilities> capabilities();

    int activePhases();

    Optional<Powermeter> meterValue();
  }

  private final String uuid;
  private final EventLoop loop;
  private final View view;
  private final boolean requestZeroPowerInIdle;
  private final List<Consumer<EnergyFlowRequest>> listeners = new CopyOnWriteArrayList<>();
  private Cancellable timer = Cancellable.NONE;
  private boolean started;

  public EnergyNode(String uuid, EventLoop loop, View view, boolean requestZeroPowerInIdle) {
    this.uuid = uuid;
    this.loop = loop;
    this.view = view;
    this.requestZeroPowerInIdle = requestZeroPowerInIdle;
  }

  public void addListener(Consumer<EnergyFlowRequest> l) {
    listeners.add(l);
    // a listener added after start gets the periodic requests from now on (on the loop)
    loop.post(() -> {
      if (started && timer == Cancellable.NONE) {
        publish(true);
        timer = loop.every(REQUEST_PERIOD_MS, () -> publish(false));
      }
    });
  }

  /** First (priority) request now, then one every second; no timer while nobody listens. */
  public void start() {
    started = true;
    if (listeners.isEmpty()) {
      return;
    }
    publish(true);
    timer = loop.every(REQUEST_PERIOD_MS, () -> publish(false));
  }

  public void stop() {
    started = false;
    timer.cancel();
    timer = Cancellable.NONE;
  }

  /** A car starts waiting, or a session ends: the manager should know at once. */
  public void onStateEntered(ChargerState s) {
    if (s == ChargerState.WaitingForAuthentication || s == ChargerState.Finished) {
      publish(true);
    }
  }

  private void publish(boolean priority) {
    if (listeners.isEmpty()) {
      return;
    }
    EnergyFlowRequest r = request(priority);
    for (Consumer<EnergyFlowRequest> l : listeners) {
      l.accept(r);
    }
  }

  /** The request as it stands now. */
  public EnergyFlowRequest request(boolean priority) {
    ChargerState state = view.state();
    EvseState evseState = state.energyState();
    boolean needsEnergy = !requestZeroPowerInIdle || switch (state) {
      // PausedEVSE too: a car paused for lack of energy must be able to get some again.
      case Charging, PrepareCharging, WaitingForAuthentication, ChargingPausedEV, ChargingPausedEVSE, T_step_EF,
          T_step_X1, SwitchPhases -> true;
      default -> false;
    };
    String hour = Rfc3339.format(Instant.ofEpochMilli(loop.clock().wallTime().toEpochMilli())
        .truncatedTo(ChronoUnit.HOURS));
    Optional<HardwareCapabilities> caps = view.capabilities();
    double maxImport = caps.map(HardwareCapabilities::maxCurrentAImport).orElse(0.0);
    double minImport = caps.map(HardwareCapabilities::minCurrentAImport).orElse(0.0);
    double maxExport = caps.map(HardwareCapabilities::maxCurrentAExport).orElse(0.0);
    double minExport = caps.map(HardwareCapabilities::minCurrentAExport).orElse(0.0);
    double rootImport = requestZeroPowerInIdle && state == ChargerState.ChargingPausedEV ? minImport : maxImport;
    LimitsReq rootImportLimits = rootLimits(caps, rootImport, minImport,
        caps.map(HardwareCapabilities::maxPhaseCountImport).orElse(1),
        caps.map(HardwareCapabilities::minPhaseCountImport).orElse(1));
    // No bidirectional charging here: export is always zero towards the car.
    LimitsReq rootExportLimits = rootLimits(caps, state == ChargerState.ChargingPausedEV ? minExport : maxExport,
        minExport, caps.map(HardwareCapabilities::maxPhaseCountExport).orElse(1),
        caps.map(HardwareCapabilities::minPhaseCountExport).orElse(1));
    LimitsReq leavesImport = needsEnergy ? current(maxImport, SOURCE_HARDWARE) : current(0.0, SOURCE_IDLE);
    LimitsReq leavesExport = current(0.0, needsEnergy ? SOURCE_HARDWARE : SOURCE_IDLE);
    return new EnergyFlowRequest(List.of(), uuid, NodeType.Evse, Optional.of(priority), Optional.of(evseState),
        Optional.empty(), Optional.empty(), view.meterValue(),
        List.of(new ScheduleReqEntry(hour, rootImportLimits, leavesImport, Optional.empty(), Optional.empty())),
        List.of(new ScheduleReqEntry(hour, rootExportLimits, leavesExport, Optional.empty(), Optional.empty())),
        List.of());
  }

  private LimitsReq rootLimits(Optional<HardwareCapabilities> caps, double max, double min, int maxPhases,
      int minPhases) {
    return new LimitsReq(Optional.empty(),
        Optional.of(new NumberWithSource(max, SOURCE_HARDWARE)),
        Optional.of(new NumberWithSource(min, SOURCE_HARDWARE)),
        Optional.of(new IntegerWithSource(maxPhases, SOURCE_HARDWARE)),
        Optional.of(new IntegerWithSource(minPhases, SOURCE_HARDWARE)),
        Optional.of(caps.map(HardwareCapabilities::supportsChangingPhasesDuringCharging).orElse(false)),
        Optional.of(Math.max(1, Math.min(3, view.activePhases()))));
  }

  private static LimitsReq current(double amps, String source) {
    return new LimitsReq(Optional.empty(), Optional.of(new NumberWithSource(amps, source)), Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
  }
}
