package dev.evse.mqtt.consumer;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.evse.api.EvseManagerCommands;
import dev.evse.api.EvseManagerListener;
import dev.evse.api.codec.WireCodec;
import dev.evse.api.types.BspEventKind;
import dev.evse.api.types.EVInfo;
import dev.evse.api.types.EnergyTransferMode;
import dev.evse.api.types.EnforcedLimits;
import dev.evse.api.types.HardwareCapabilities;
import dev.evse.api.types.HlcSessionFailedEvent;
import dev.evse.api.types.Powermeter;
import dev.evse.api.types.ProximityPilot;
import dev.evse.api.types.SessionEvent;
import dev.evse.api.types.StopTransactionRequest;
import dev.evse.api.types.Telemetry;
import dev.evse.core.EvseManager;
import dev.evse.core.port.BoardSupportListener;
import dev.evse.mqtt.ApiOptions;
import dev.evse.mqtt.ApiTopics;
import dev.evse.mqtt.MqttConnection;
import dev.evse.mqtt.internal.ApiEndpoint;
import dev.evse.mqtt.internal.ApiForms;
import dev.evse.mqtt.internal.BadInputLog;
import dev.evse.mqtt.internal.BadMessage;
import dev.evse.mqtt.internal.CommunicationCheck;
import dev.evse.mqtt.internal.Payloads;
import dev.evse.mqtt.internal.Request;
import dev.evse.mqtt.internal.TopicFilters;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves EVerest's {@code evse_manager_consumer} API for one EVSE manager under
 * {@code <prefix>everest_api/1/evse_manager_consumer/<module_id>/}.
 *
 * <p>m2e requests ({@code get_evse}, {@code enable_disable}, {@code pause_charging},
 * {@code resume_charging}, {@code stop_transaction}, {@code force_unlock}) take the envelope
 * {@code {"headers":{"replyTo":T},"payload":P}} and are answered with the bare result on
 * {@code <prefix>T}; without a {@code replyTo} the command runs and nothing is answered. This
 * project's extension commands on the same tree: {@code authorize_response} (payload
 * {@code {"provided_token":..,"validation_result":..}}, reply {@code true}),
 * {@code withdraw_authorization} (reply {@code true}), {@code reserve} (payload: bare integer
 * reservation id, reply bare boolean) and {@code cancel_reservation} (reply {@code true}).
 *
 * <p>Bad requests (malformed JSON, wrong types, unknown enum values, missing payload, a payload on
 * a command that takes none) change nothing; they are logged with their topic and, where a
 * {@code replyTo} was given and {@link ApiOptions#errorReplies()} is on, answered with
 * {@code {"error":"<path>: <problem>"}}. Decoding runs on the MQTT thread, never on the EVSE loop.
 *
 * <p>e2m: every var of the manager that the API has ({@code session_event}, {@code session_info}
 * (derived, see {@link SessionInfoTracker}), {@code hlc_session_failed}, {@code ev_info},
 * {@code powermeter}, {@code powermeter_public_key_ocmf}, {@code evse_id},
 * {@code hw_capabilities}, {@code enforced_limits}, {@code selected_protocol},
 * {@code supported_energy_transfer_modes}), the board's {@code ac_nr_of_phases_available} and
 * {@code ac_pp_ampacity} (fed through {@link #boardVars()}), and {@code heartbeat}. The last value
 * of each state var is published again after every (re)connect.
 */
public final class EvseManagerConsumerApi extends ApiEndpoint {
  public static final String API_TYPE = "evse_manager_consumer";
  private static final Logger LOG = LoggerFactory.getLogger(EvseManagerConsumerApi.class);

  private final EvseManagerCommands evse;
  private final ApiOptions options;
  private final Clock clock;
  private final CommunicationCheck commCheck;
  private final SessionInfoTracker sessionInfo = new SessionInfoTracker();
  private final Map<String, String> stateVars = new ConcurrentHashMap<>();
  private final Listener listener = new Listener();
  private final BoardVars boardVars = new BoardVars();

  public EvseManagerConsumerApi(MqttConnection mqtt, ApiTopics topics, EvseManagerCommands evse, ApiOptions options) {
    this(mqtt, topics, evse, options, Clock.systemUTC());
  }

  public EvseManagerConsumerApi(MqttConnection mqtt, ApiTopics topics, EvseManagerCommands evse, ApiOptions options,
      Clock clock) {
    super(mqtt, topics, LOG);
    if (!API_TYPE.equals(topics.apiType())) {
      throw new IllegalArgumentException("topics of " + topics.apiType() + ", expected " + API_TYPE);
    }
    this.evse = evse;
    this.options = options;
    this.clock = clock;
    this.commCheck = new CommunicationCheck(mqtt.timers(), options.communicationCheckTimeoutMs(),
        new CommunicationCheck.Fault() {
          @Override
          public void raise(String subType, String message) {
            // generic/CommunicationFault of the consumer API: does not affect charging (as EVerest)
            LOG.info("{}: generic/CommunicationFault ({}): {}", topics, subType, message);
          }

          @Override
          public void clear(String subType) {
            LOG.info("{}: generic/CommunicationFault ({}) cleared", topics, subType);
          }
        });
  }

  /** Serves {@code evse} under module id {@code moduleId}; registers the var listener on it. */
  public static EvseManagerConsumerApi attach(MqttConnection mqtt, String prefix, String moduleId, EvseManager evse,
      ApiOptions options) {
    EvseManagerConsumerApi api = new EvseManagerConsumerApi(mqtt, new ApiTopics(prefix, API_TYPE, moduleId), evse,
        options);
    evse.addListener(api.listener());
    return api;
  }

  /** The listener to register on the EVSE manager: publishes its vars. */
  public EvseManagerListener listener() {
    return listener;
  }

  /**
   * Publishes the board's {@code ac_nr_of_phases_available} and {@code ac_pp_ampacity} (the API
   * takes them from the BSP directly); register it beside the kernel on the board support.
   */
  public BoardSupportListener boardVars() {
    return boardVars;
  }

  /** Subscribes every m2e topic and starts heartbeat and communication check. */
  public CompletableFuture<Void> start() {
    if (!markStarted()) {
      return subscriptionsReady();
    }
    request("get_evse", r -> {
      r.requireNoPayload("get_evse");
      return () -> evse.getEvse();
    });
    request("enable_disable", r -> {
      EnableDisableRequest p = Payloads.decode(r.requirePayload(), EnableDisableRequest.class, "payload");
      return () -> evse.enableDisable(p.connectorId(), p.source());
    });
    request("pause_charging", r -> {
      r.requireNoPayload("pause_charging");
      return evse::pauseCharging;
    });
    request("resume_charging", r -> {
      r.requireNoPayload("resume_charging");
      return evse::resumeCharging;
    });
    request("stop_transaction", r -> {
      StopTransactionRequest p = Payloads.decode(r.requirePayload(), StopTransactionRequest.class, "payload");
      return () -> evse.stopTransaction(p);
    });
    request("force_unlock", r -> {
      int connector = Payloads.integer(r.requirePayload(), "payload", 0, Integer.MAX_VALUE);
      return () -> evse.forceUnlock(connector);
    });
    // this project's extensions
    request("authorize_response", r -> {
      AuthorizeResponseRequest p = Payloads.decode(r.requirePayload(), AuthorizeResponseRequest.class, "payload");
      return () -> evse.authorizeResponse(p.providedToken(), p.validationResult());
    });
    request("withdraw_authorization", r -> {
      r.requireNoPayload("withdraw_authorization");
      return evse::withdrawAuthorization;
    });
    request("reserve", r -> {
      int id = Payloads.integer(r.requirePayload(), "payload", Integer.MIN_VALUE, Integer.MAX_VALUE);
      return () -> evse.reserve(id);
    });
    request("cancel_reservation", r -> {
      r.requireNoPayload("cancel_reservation");
      return evse::cancelReservation;
    });
    on(topics.m2e("communication_check"), (t, text) -> commCheck.check(Payloads.bool(text)));
    startHeartbeat(topics.e2m("heartbeat"), options.heartbeatIntervalMs());
    commCheck.start();
    return subscriptionsReady();
  }

  /** Whether the consumer's communication check has timed out (this does not affect charging). */
  public boolean communicationFaultActive() {
    return commCheck.faultActive();
  }

  /** The current derived {@code session_info} state. */
  public EvseStateEnum sessionState() {
    return sessionInfo.state();
  }

  @Override
  protected void onConnected(boolean reconnect) {
    if (!options.republishOnReconnect()) {
      return;
    }
    synchronized (stateVars) {
      stateVars.forEach((name, payload) -> publish(topics.e2m(name), payload));
      sessionInfo.snapshot(clock.instant()).ifPresent(info -> publishJson(topics.e2m("session_info"), info));
    }
  }

  @Override
  protected void onClose() {
    commCheck.stop();
  }

  // ---------------------------------------------------------------- m2e requests

  /** Decodes a request's payload and returns the command to run; throws {@link BadMessage}. */
  @FunctionalInterface
  private interface Decoder {
    Command decode(Request request);
  }

  @FunctionalInterface
  private interface Command {
    CompletableFuture<?> run();
  }

  private void request(String name, Decoder decoder) {
    on(topics.m2e(name), (topic, text) -> {
      Request req = Request.parse(text); // unanswerable if this fails
      if (req.wantsReply() && !TopicFilters.isValidTopicName(topics.replyTopic(req.replyTo()))) {
        throw new BadMessage("headers.replyTo: not a valid topic name: \"" + req.replyTo() + "\"");
      }
      Command command;
      try {
        command = decoder.decode(req);
      } catch (BadMessage e) {
        reject(topic, req, e.getMessage());
        return;
      }
      commCheck.alive();
      CompletableFuture<?> result;
      try {
        result = command.run();
      } catch (RuntimeException e) {
        result = CompletableFuture.failedFuture(e);
      }
      result.whenComplete((value, error) -> {
        if (error != null) {
          Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
          reject(topic, req, name + " failed: " + cause.getMessage());
        } else if (req.wantsReply()) {
          publish(topics.replyTopic(req.replyTo()), value == null ? "true" : WireCodec.encode(value));
        }
      });
    });
  }

  private void reject(String topic, Request req, String problem) {
    problem = BadInputLog.shorten(problem);
    badInput.reject(topic, problem);
    if (req.wantsReply() && options.errorReplies()) {
      ObjectNode error = JsonNodeFactory.instance.objectNode().put("error", problem);
      publish(topics.replyTopic(req.replyTo()), WireCodec.encode(error));
    }
  }

  // ---------------------------------------------------------------- e2m vars

  /** Publishes a state var and remembers it; one lock with the re-publishing after a reconnect. */
  private void publishState(String name, Object value) {
    String payload = WireCodec.encode(value);
    synchronized (stateVars) {
      stateVars.put(name, payload);
      publish(topics.e2m(name), payload);
    }
  }

  private void publishInfo(java.util.Optional<SessionInfo> info) {
    info.ifPresent(i -> {
      synchronized (stateVars) {
        publishJson(topics.e2m("session_info"), i);
      }
    });
  }

  /** Publishes the manager's vars (runs on the EVSE loop; encoding only, I/O is asynchronous). */
  private final class Listener implements EvseManagerListener {
    @Override
    public void onSessionEvent(SessionEvent event) {
      publishJson(topics.e2m("session_event"), event);
      publishInfo(java.util.Optional.of(sessionInfo.onSessionEvent(event, clock.instant())));
    }

    @Override
    public void onHlcSessionFailed(HlcSessionFailedEvent event) {
      publishJson(topics.e2m("hlc_session_failed"), event);
    }

    @Override
    public void onEvInfo(EVInfo evInfo) {
      publishState("ev_info", ApiForms.evInfo(evInfo));
    }

    @Override
    public void onPowermeter(Powermeter powermeter) {
      publishState("powermeter", powermeter);
      publishInfo(sessionInfo.onPowermeter(powermeter, clock.instant()));
    }

    @Override
    public void onPowermeterPublicKeyOcmf(String publicKey) {
      publishState("powermeter_public_key_ocmf", publicKey);
    }

    @Override
    public void onEvseId(String evseId) {
      publishState("evse_id", evseId);
    }

    @Override
    public void onHwCapabilities(HardwareCapabilities capabilities) {
      publishState("hw_capabilities", ApiForms.capabilities(capabilities));
    }

    @Override
    public void onEnforcedLimits(EnforcedLimits limits) {
      publishState("enforced_limits", limits);
    }

    @Override
    public void onSelectedProtocol(String protocol) {
      publishState("selected_protocol", protocol);
      publishInfo(sessionInfo.onSelectedProtocol(protocol, clock.instant()));
    }

    @Override
    public void onSupportedEnergyTransferModes(List<EnergyTransferMode> modes) {
      if (modes.isEmpty()) {
        // the API requires at least one mode
        LOG.debug("{}: empty supported_energy_transfer_modes not published", topics);
        return;
      }
      publishState("supported_energy_transfer_modes", modes);
    }
  }

  /** The two BSP vars the consumer API mirrors. */
  private final class BoardVars implements BoardSupportListener {
    @Override
    public void onBspEvent(BspEventKind event) {}

    @Override
    public void onCapabilities(HardwareCapabilities capabilities) {}

    @Override
    public void onTelemetry(Telemetry telemetry) {}

    @Override
    public void onPhasesAvailable(int phases) {
      publishState("ac_nr_of_phases_available", phases);
    }

    @Override
    public void onPpAmpacity(ProximityPilot ampacity) {
      publishState("ac_pp_ampacity", ampacity);
    }

    @Override
    public void onRequestStopTransaction(StopTransactionRequest request) {}
  }
}
