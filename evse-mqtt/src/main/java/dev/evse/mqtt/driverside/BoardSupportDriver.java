package dev.evse.mqtt.driverside;

import dev.evse.api.codec.WireCodec;
import dev.evse.api.errors.RaisedError;
import dev.evse.api.types.BspEvent;
import dev.evse.api.types.BspEventKind;
import dev.evse.api.types.HardwareCapabilities;
import dev.evse.api.types.PowerOnOff;
import dev.evse.api.types.PowerOnReason;
import dev.evse.api.types.ProximityPilot;
import dev.evse.api.types.StopTransactionRequest;
import dev.evse.api.types.Telemetry;
import dev.evse.core.port.BoardSupport;
import dev.evse.core.port.BoardSupportListener;
import dev.evse.core.port.ConnectorLock;
import dev.evse.core.port.ErrorListener;
import dev.evse.core.port.ErrorSource;
import dev.evse.mqtt.ApiTopics;
import dev.evse.mqtt.MqttConnection;
import dev.evse.mqtt.internal.ApiEndpoint;
import dev.evse.mqtt.internal.ApiForms;
import dev.evse.mqtt.internal.BadMessage;
import dev.evse.mqtt.internal.BspErrors;
import dev.evse.mqtt.internal.Payloads;
import dev.evse.mqtt.internal.Request;
import dev.evse.mqtt.internal.TopicFilters;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The driver side of {@code evse_board_support}: exposes a local {@link BoardSupport} (plus an
 * optional {@link ConnectorLock} and RCD) to an EVSE manager over MQTT, as an external BSP driver
 * such as Pionix ChargeBridge does.
 *
 * <ul>
 *   <li>e2m commands are decoded on the MQTT thread and run on the given executor (the device's
 *       event loop); {@code cp_state_E} has no port method and is ignored, as by ChargeBridge;
 *       trigger payloads are ignored; {@code reset} is answered with the RCD reset result.
 *   <li>{@link #listener()} publishes what the board reports: {@code event},
 *       {@code capabilities}, {@code ac_nr_of_phases}, {@code ac_pp_ampacity},
 *       {@code request_stop_transaction} and (extension) {@code telemetry};
 *       {@link #errorListener()} publishes {@code raise_error}/{@code clear_error} for errors of
 *       the board, lock and RCD; {@link #publishRcdCurrent(double)} publishes {@code rcd_current}.
 *   <li>{@code communication_check true} every second; capabilities, phases and PP ampacity are
 *       sent again on every (re)connect, periodically, and when the manager's heartbeat returns.
 *   <li>If the heartbeat stops for {@link DriverOptions#everestLostAfterMs()}, the manager is
 *       taken as lost: relays off and PWM off on the local board (fail-safe).
 * </ul>
 */
public final class BoardSupportDriver extends ApiEndpoint {
  private static final Logger LOG = LoggerFactory.getLogger(BoardSupportDriver.class);

  private final BoardSupport board;
  private final Optional<ConnectorLock> lock;
  private final Optional<Runnable> rcdSelfTest;
  private final BooleanSupplier rcdReset;
  private final DriverOptions options;
  private final Executor executor;
  private final HeartbeatWatch heartbeat;
  private volatile String capabilities;
  private volatile String phases;
  private volatile String ppAmpacity;

  private final BoardSupportListener listener = new BoardSupportListener() {
    @Override
    public void onBspEvent(BspEventKind event) {
      publishJson(topics.m2e("event"), new BspEvent(event));
    }

    @Override
    public void onCapabilities(HardwareCapabilities caps) {
      capabilities = WireCodec.encode(ApiForms.capabilities(caps));
      publish(topics.m2e("capabilities"), capabilities);
    }

    @Override
    public void onTelemetry(Telemetry telemetry) {
      if (options.publishTelemetry()) {
        publishJson(topics.m2e("telemetry"), telemetry);
      }
    }

    @Override
    public void onPhasesAvailable(int n) {
      phases = Integer.toString(n);
      publish(topics.m2e("ac_nr_of_phases"), phases);
    }

    @Override
    public void onPpAmpacity(ProximityPilot ampacity) {
      ppAmpacity = WireCodec.encode(ampacity);
      publish(topics.m2e("ac_pp_ampacity"), ppAmpacity);
    }

    @Override
    public void onRequestStopTransaction(StopTransactionRequest request) {
      publishJson(topics.m2e("request_stop_transaction"), request);
    }
  };

  private final ErrorListener errorListener = new ErrorListener() {
    @Override
    public void onErrorRaised(ErrorSource source, RaisedError error) {
      Optional<String> type = BspErrors.apiType(source, error.type());
      if (type.isEmpty()) {
        LOG.debug("{}: error {} of {} has no BSP API type: not sent", topics, error.type(), source);
        return;
      }
      ObjectNode n = JsonNodeFactory.instance.objectNode().put("type", type.get());
      if (!error.subType().isEmpty()) {
        n.put("sub_type", error.subType());
      }
      if (!error.message().isEmpty()) {
        n.put("message", error.message());
      }
      publishJson(topics.m2e("raise_error"), n);
    }

    @Override
    public void onErrorCleared(ErrorSource source, String type, String subType) {
      Optional<String> apiType = BspErrors.apiType(source, type);
      if (apiType.isEmpty()) {
        return;
      }
      ObjectNode n = JsonNodeFactory.instance.objectNode().put("type", apiType.get());
      if (subType != null && !subType.isEmpty()) {
        n.put("sub_type", subType);
      }
      publishJson(topics.m2e("clear_error"), n);
    }
  };

  /**
   * @param executor where the board's commands run (e.g. {@code loop::post} of the device's loop)
   * @param rcdSelfTest runs {@code self_test}, if the board has an RCD
   * @param rcdReset answers {@code reset} (true = reset done)
   */
  public BoardSupportDriver(MqttConnection mqtt, ApiTopics topics, BoardSupport board, Optional<ConnectorLock> lock,
      Optional<Runnable> rcdSelfTest, BooleanSupplier rcdReset, DriverOptions options, Executor executor) {
    super(mqtt, topics, LOG);
    this.board = board;
    this.lock = lock;
    this.rcdSelfTest = rcdSelfTest;
    this.rcdReset = rcdReset;
    this.options = options;
    this.executor = executor;
    this.heartbeat = new HeartbeatWatch(options.everestLostAfterMs(), new HeartbeatWatch.Listener() {
      @Override
      public void lost(long silentMs) {
        LOG.warn("{}: no heartbeat from the EVSE manager for {} ms", topics, silentMs);
        if (options.failSafeOnLoss()) {
          executor.execute(() -> {
            board.allowPowerOn(new PowerOnOff(false, PowerOnReason.PowerOff));
            board.cpStateX1();
          });
        }
      }

      @Override
      public void back() {
        LOG.info("{}: EVSE manager is back", topics);
        resendState();
      }
    });
  }

  /** Where the local board reports (publishes the m2e vars). */
  public BoardSupportListener listener() {
    return listener;
  }

  /** Where the local board, lock and RCD report errors (publishes raise_error / clear_error). */
  public ErrorListener errorListener() {
    return errorListener;
  }

  /** Publishes {@code rcd_current} in mA. */
  public void publishRcdCurrent(double milliamps) {
    publishJson(topics.m2e("rcd_current"), milliamps);
  }

  /** Whether the EVSE manager's heartbeat has stopped. */
  public boolean everestLost() {
    return heartbeat.isLost();
  }

  public CompletableFuture<Void> start() {
    if (!markStarted()) {
      return subscriptionsReady();
    }
    command("enable", text -> {
      boolean v = Payloads.bool(text);
      return () -> board.enable(v);
    });
    command("pwm_on", text -> {
      double duty = Payloads.number(text);
      if (duty < 0 || duty > 100) {
        throw new BadMessage("$: duty cycle " + duty + " is outside 0..100 %");
      }
      return () -> board.pwmOn(duty);
    });
    command("cp_state_X1", text -> board::cpStateX1);
    command("cp_state_F", text -> board::cpStateF);
    command("cp_state_E", text -> () -> LOG.debug("{}: cp_state_E not supported: ignored", topics));
    command("allow_power_on", text -> {
      PowerOnOff p = Payloads.decode(text, PowerOnOff.class);
      return () -> board.allowPowerOn(p);
    });
    command("ac_switch_three_phases_while_charging", text -> {
      String mode = Payloads.string(text);
      if (!mode.equals("ThreePhases") && !mode.equals("SinglePhase")) {
        throw new BadMessage("$: unknown value \"" + mode + "\" for ACPhaseMode");
      }
      return () -> board.acSwitchThreePhasesWhileCharging(mode.equals("ThreePhases"));
    });
    command("ac_overcurrent_limit", text -> {
      double amps = Payloads.number(text);
      return () -> board.acSetOvercurrentLimit(amps);
    });
    command("lock", text -> () -> lock.ifPresent(ConnectorLock::lock));
    command("unlock", text -> () -> lock.ifPresent(ConnectorLock::unlock));
    command("self_test", text -> () -> rcdSelfTest.ifPresent(Runnable::run));
    on(topics.e2m("reset"), (t, text) -> {
      Request req = Request.parse(text);
      executor.execute(() -> {
        boolean ok = rcdReset.getAsBoolean();
        if (req.wantsReply() && TopicFilters.isValidTopicName(topics.replyTopic(req.replyTo()))) {
          publish(topics.replyTopic(req.replyTo()), Boolean.toString(ok));
        }
      });
    });
    on(topics.e2m("heartbeat"), (t, text) -> {
      Payloads.integer(Payloads.parse(text), "", Integer.MIN_VALUE, Integer.MAX_VALUE);
      heartbeat.beat();
    });
    if (options.communicationCheckIntervalMs() > 0) {
      every(options.communicationCheckIntervalMs(), () -> publish(topics.m2e("communication_check"), "true"));
    }
    if (options.capabilitiesResendMs() > 0) {
      every(options.capabilitiesResendMs(), () -> {
        String caps = capabilities;
        if (caps != null) {
          publish(topics.m2e("capabilities"), caps);
        }
      });
    }
    heartbeat.start(mqtt.timers());
    return subscriptionsReady();
  }

  @Override
  protected void onConnected(boolean reconnect) {
    publish(topics.m2e("communication_check"), "true");
    resendState();
  }

  private void resendState() {
    String caps = capabilities;
    if (caps != null) {
      publish(topics.m2e("capabilities"), caps);
    }
    String p = phases;
    if (p != null) {
      publish(topics.m2e("ac_nr_of_phases"), p);
    }
    String pp = ppAmpacity;
    if (pp != null) {
      publish(topics.m2e("ac_pp_ampacity"), pp);
    }
  }

  @Override
  protected void onClose() {
    heartbeat.stop();
  }

  /** Decodes an e2m command on the MQTT thread and runs it on the executor. */
  private void command(String name, java.util.function.Function<String, Runnable> decoder) {
    on(topics.e2m(name), (t, text) -> {
      Runnable action = decoder.apply(text);
      executor.execute(() -> {
        try {
          action.run();
        } catch (RuntimeException e) {
          LOG.warn("{}: {} failed: {}", topics, name, e.toString());
        }
      });
    });
  }
}
