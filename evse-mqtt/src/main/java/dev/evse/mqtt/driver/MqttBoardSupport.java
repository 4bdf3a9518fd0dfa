package dev.evse.mqtt.driver;

import com.fasterxml.jackson.databind.JsonNode;
import dev.evse.api.codec.WireCodec;
import dev.evse.api.errors.ApiError;
import dev.evse.api.errors.RaisedError;
import dev.evse.api.errors.Severity;
import dev.evse.api.types.BspEvent;
import dev.evse.api.types.HardwareCapabilities;
import dev.evse.api.types.PowerOnOff;
import dev.evse.api.types.ProximityPilot;
import dev.evse.api.types.StopTransactionRequest;
import dev.evse.api.types.Telemetry;
import dev.evse.core.port.BoardSupport;
import dev.evse.core.port.BoardSupportListener;
import dev.evse.core.port.ConnectorLock;
import dev.evse.core.port.ErrorListener;
import dev.evse.core.port.ErrorSource;
import dev.evse.mqtt.ApiOptions;
import dev.evse.mqtt.ApiTopics;
import dev.evse.mqtt.MqttConnection;
import dev.evse.mqtt.internal.ApiEndpoint;
import dev.evse.mqtt.internal.ApiForms;
import dev.evse.mqtt.internal.BadMessage;
import dev.evse.mqtt.internal.BspErrors;
import dev.evse.mqtt.internal.CommunicationCheck;
import dev.evse.mqtt.internal.Payloads;
import dev.evse.mqtt.internal.PendingRequests;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.DoubleConsumer;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The EVerest side of {@code evse_board_support} for one EVSE: a {@link BoardSupport} (and
 * {@link ConnectorLock}, and the two {@code ac_rcd} commands) whose commands go to an external
 * driver over MQTT, and whose driver reports come back to the kernel's listeners.
 *
 * <ul>
 *   <li>e2m: {@code enable}, {@code pwm_on} (percent), {@code cp_state_X1}, {@code cp_state_F},
 *       {@code cp_state_E}, {@code allow_power_on}, {@code ac_switch_three_phases_while_charging}
 *       ({@code "ThreePhases"}/{@code "SinglePhase"}), {@code ac_overcurrent_limit},
 *       {@code lock}, {@code unlock}, {@code self_test}, {@code reset} (request, reply bare
 *       boolean, {@code false} on timeout), {@code heartbeat}.
 *   <li>m2e: {@code event}, {@code capabilities} ({@code supports_cp_state_E} optional, default
 *       false), {@code ac_nr_of_phases}, {@code ac_pp_ampacity}, {@code request_stop_transaction},
 *       {@code rcd_current}, {@code raise_error}/{@code clear_error} (routed per {@link BspErrors}),
 *       {@code communication_check}, and this project's extension {@code telemetry} (the internal
 *       {@code Telemetry} object; the API has no telemetry channel).
 *   <li>Communication check: {@code evse_board_support/CommunicationFault} (High) is raised at
 *       start and whenever the driver is silent for the timeout; any valid message from the
 *       driver clears it. The kernel treats it as fatal: the EVSE becomes inoperative and the
 *       relays are commanded open.
 *   <li>After every (re)connect the last {@code enable}, CP command ({@code pwm_on},
 *       {@code cp_state_X1/F/E}), {@code allow_power_on} and {@code ac_overcurrent_limit} are sent
 *       again (an addition to EVerest: commands published while disconnected are lost).
 * </ul>
 *
 * Commands are called on the EVSE loop and only queue an asynchronous publication.
 */
public final class MqttBoardSupport extends ApiEndpoint implements BoardSupport, ConnectorLock {
  public static final String API_TYPE = "evse_board_support";
  public static final String COMMUNICATION_FAULT = "evse_board_support/CommunicationFault";
  private static final Logger LOG = LoggerFactory.getLogger(MqttBoardSupport.class);

  private final ApiOptions options;
  private final List<BoardSupportListener> listeners = new CopyOnWriteArrayList<>();
  private volatile ErrorListener errors = NO_ERRORS;
  private volatile DoubleConsumer rcdCurrent = mA -> {};
  private final CommunicationCheck commCheck;
  private final PendingRequests requests;
  private volatile double lastRcdCurrentMa = Double.NaN;
  /** The last command of each kind that describes a state (re-sent after a reconnect). */
  private final java.util.Map<String, String[]> lastState = new java.util.concurrent.ConcurrentHashMap<>();
  private static final List<String> STATE_ORDER = List.of("enable", "cp", "allow_power_on", "ac_overcurrent_limit");

  private static final ErrorListener NO_ERRORS = new ErrorListener() {
    @Override
    public void onErrorRaised(ErrorSource source, RaisedError error) {}

    @Override
    public void onErrorCleared(ErrorSource source, String type, String subType) {}
  };

  public MqttBoardSupport(MqttConnection mqtt, String prefix, String moduleId, ApiOptions options) {
    this(mqtt, new ApiTopics(prefix, API_TYPE, moduleId), options);
  }

  public MqttBoardSupport(MqttConnection mqtt, ApiTopics topics, ApiOptions options) {
    super(mqtt, topics, LOG);
    this.options = options;
    this.requests = new PendingRequests(mqtt, topics, badInput);
    this.commCheck = new CommunicationCheck(mqtt.timers(), options.communicationCheckTimeoutMs(),
        new CommunicationCheck.Fault() {
          @Override
          public void raise(String subType, String message) {
            LOG.warn("{}: {} ({})", topics, COMMUNICATION_FAULT, subType);
            errors.onErrorRaised(ErrorSource.BOARD_SUPPORT,
                RaisedError.of(COMMUNICATION_FAULT, subType, message, Severity.High));
          }

          @Override
          public void clear(String subType) {
            LOG.info("{}: {} ({}) cleared", topics, COMMUNICATION_FAULT, subType);
            errors.onErrorCleared(ErrorSource.BOARD_SUPPORT, COMMUNICATION_FAULT, subType);
          }
        });
  }

  /** Adds a receiver of the driver's vars (the kernel; the consumer API's board vars). */
  public MqttBoardSupport addListener(BoardSupportListener listener) {
    listeners.add(listener);
    return this;
  }

  /** Where driver errors and the communication fault go (the kernel). */
  public MqttBoardSupport setErrorListener(ErrorListener listener) {
    this.errors = listener == null ? NO_ERRORS : listener;
    return this;
  }

  /** Receives {@code rcd_current} (mA); the kernel has no var for it. */
  public MqttBoardSupport setRcdCurrentListener(DoubleConsumer listener) {
    this.rcdCurrent = listener == null ? mA -> {} : listener;
    return this;
  }

  /** The last {@code rcd_current} in mA (NaN before the first). */
  public double rcdCurrentMa() {
    return lastRcdCurrentMa;
  }

  public boolean communicationFaultActive() {
    return commCheck.faultActive();
  }

  /** Subscribes to the driver's topics and starts heartbeat and communication check. */
  public CompletableFuture<Void> start() {
    if (!markStarted()) {
      return subscriptionsReady();
    }
    driverVar("event", text -> {
      BspEvent e = Payloads.decode(text, BspEvent.class);
      listeners.forEach(l -> l.onBspEvent(e.event()));
    });
    driverVar("capabilities", text -> {
      HardwareCapabilities caps = ApiForms.capabilities(Payloads.parse(text));
      listeners.forEach(l -> l.onCapabilities(caps));
    });
    driverVar("ac_nr_of_phases", text -> {
      int phases = Payloads.integer(Payloads.parse(text), "", 1, 3);
      listeners.forEach(l -> l.onPhasesAvailable(phases));
    });
    driverVar("ac_pp_ampacity", text -> {
      ProximityPilot pp = Payloads.decode(text, ProximityPilot.class);
      listeners.forEach(l -> l.onPpAmpacity(pp));
    });
    driverVar("request_stop_transaction", text -> {
      StopTransactionRequest r = Payloads.decode(text, StopTransactionRequest.class);
      listeners.forEach(l -> l.onRequestStopTransaction(r));
    });
    driverVar("telemetry", text -> {
      Telemetry t = Payloads.decode(text, Telemetry.class);
      listeners.forEach(l -> l.onTelemetry(t));
    });
    driverVar("rcd_current", text -> {
      double mA = Payloads.number(text);
      lastRcdCurrentMa = mA;
      rcdCurrent.accept(mA);
    });
    driverVar("raise_error", text -> {
      ApiError e = Payloads.decode(text, ApiError.class);
      BspErrors.Route r = BspErrors.route(e.type());
      errors.onErrorRaised(r.source(),
          RaisedError.of(r.type(), e.subType().orElse(""), e.message().orElse(""), Severity.High));
    });
    driverVar("clear_error", text -> {
      ApiError e = Payloads.decode(text, ApiError.class);
      BspErrors.Route r = BspErrors.route(e.type());
      errors.onErrorCleared(r.source(), r.type(), e.subType().orElse(""));
    });
    on(topics.m2e("communication_check"), (t, text) -> commCheck.check(Payloads.bool(text)));
    on(topics.replyFilter(), requests::onReply);
    startHeartbeat(topics.e2m("heartbeat"), options.heartbeatIntervalMs());
    commCheck.start();
    return subscriptionsReady();
  }

  /** A driver var: decoded on the MQTT thread, then handed over; a valid message proves the driver alive. */
  private void driverVar(String name, Consumer<String> handler) {
    on(topics.m2e(name), (t, text) -> {
      handler.accept(text);
      commCheck.alive();
    });
  }

  @Override
  protected void onClose() {
    commCheck.stop();
    requests.cancelAll();
  }

  // ---------------------------------------------------------------- BoardSupport

  /** Publishes a command that sets a state, and remembers it for {@link #onConnected}. */
  private void stateCommand(String slot, String name, String payload) {
    String topic = topics.e2m(name);
    // one lock with onConnected, so a re-sent old value can never overtake a newer command
    synchronized (lastState) {
      lastState.put(slot, new String[] {topic, payload});
      if (payload.isEmpty()) {
        publishEmpty(topic);
      } else {
        publish(topic, payload);
      }
    }
  }

  /**
   * After a (re)connect the driver gets the current enable, CP, relay and over-current commands
   * again: anything sent while the connection was down is lost (QoS 0).
   */
  @Override
  protected void onConnected(boolean reconnect) {
    if (!options.republishOnReconnect()) {
      return;
    }
    synchronized (lastState) {
      for (String slot : STATE_ORDER) {
        String[] last = lastState.get(slot);
        if (last != null) {
          if (last[1].isEmpty()) {
            publishEmpty(last[0]);
          } else {
            publish(last[0], last[1]);
          }
        }
      }
    }
  }

  @Override
  public void enable(boolean value) {
    stateCommand("enable", "enable", Boolean.toString(value));
  }

  @Override
  public void pwmOn(double dutyCyclePercent) {
    stateCommand("cp", "pwm_on", WireCodec.encode(dutyCyclePercent));
  }

  @Override
  public void cpStateX1() {
    stateCommand("cp", "cp_state_X1", "");
  }

  @Override
  public void cpStateF() {
    stateCommand("cp", "cp_state_F", "");
  }

  /** {@code cp_state_E}: CP at 0 V (needs hardware support). */
  public void cpStateE() {
    stateCommand("cp", "cp_state_E", "");
  }

  @Override
  public void allowPowerOn(PowerOnOff value) {
    stateCommand("allow_power_on", "allow_power_on", WireCodec.encode(value));
  }

  @Override
  public void acSwitchThreePhasesWhileCharging(boolean threePhases) {
    publishJson(topics.e2m("ac_switch_three_phases_while_charging"), threePhases ? "ThreePhases" : "SinglePhase");
  }

  @Override
  public void acSetOvercurrentLimit(double amps) {
    stateCommand("ac_overcurrent_limit", "ac_overcurrent_limit", WireCodec.encode(amps));
  }

  // ---------------------------------------------------------------- ConnectorLock

  @Override
  public void lock() {
    publishEmpty(topics.e2m("lock"));
  }

  @Override
  public void unlock() {
    publishEmpty(topics.e2m("unlock"));
  }

  // ---------------------------------------------------------------- ac_rcd

  /** {@code self_test}: the driver tests the RCD and raises {@code Selftest} if it fails. */
  public void rcdSelfTest() {
    publishEmpty(topics.e2m("self_test"));
  }

  /** {@code reset}: asks the driver to reset a tripped RCD; {@code false} if it does not answer in time. */
  public CompletableFuture<Boolean> rcdReset() {
    return requests.send("reset", Optional.empty(), MqttBoardSupport::bool, options.requestReplyTimeoutMs(),
        () -> false);
  }

  private static boolean bool(JsonNode n) {
    if (!n.isBoolean()) {
      throw new BadMessage("$: expected boolean, got " + Payloads.kind(n));
    }
    return n.booleanValue();
  }
}
