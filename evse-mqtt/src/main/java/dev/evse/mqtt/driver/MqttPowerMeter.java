package dev.evse.mqtt.driver;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.evse.api.errors.RaisedError;
import dev.evse.api.errors.Severity;
import dev.evse.api.types.Powermeter;
import dev.evse.api.types.TransactionReq;
import dev.evse.api.types.TransactionRequestStatus;
import dev.evse.api.types.TransactionStartResponse;
import dev.evse.api.types.TransactionStopResponse;
import dev.evse.core.port.ErrorListener;
import dev.evse.core.port.ErrorSource;
import dev.evse.core.port.PowerMeter;
import dev.evse.core.port.PowerMeterListener;
import dev.evse.mqtt.ApiOptions;
import dev.evse.mqtt.ApiTopics;
import dev.evse.mqtt.MqttConnection;
import dev.evse.mqtt.internal.ApiEndpoint;
import dev.evse.mqtt.internal.CommunicationCheck;
import dev.evse.mqtt.internal.Payloads;
import dev.evse.mqtt.internal.PendingRequests;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The EVerest side of {@code powermeter} for one meter: a {@link PowerMeter} port whose
 * transaction commands are e2m requests to an external meter driver.
 *
 * <ul>
 *   <li>e2m requests {@code start_transaction} (payload {@code TransactionReq}) and
 *       {@code stop_transaction} (payload the bare transaction id, EVerest's form; or
 *       {@code {"transaction_id":..}} with {@link ApiOptions#stopTransactionAsObject()}), with
 *       {@code replyTo} {@code everest_api/1/powermeter/<id>/m2e/reply/<uuid>}; the first reply
 *       that decodes answers; after {@link ApiOptions#requestReplyTimeoutMs()} the answer is
 *       {@code {"status":"UNEXPECTED_ERROR"}} (EVerest's default).
 *   <li>m2e {@code powermeter_values} and {@code public_key_ocmf} go to the
 *       {@link PowerMeterListener}s; {@code communication_check}.
 *   <li>Communication check: {@code powermeter/CommunicationFault} (High) on the
 *       {@link ErrorSource#POWER_METER} source, cleared by the next valid message. Whether that
 *       stops charging is the kernel's {@code fail_on_powermeter_errors}.
 * </ul>
 */
public final class MqttPowerMeter extends ApiEndpoint implements PowerMeter {
  public static final String API_TYPE = "powermeter";
  public static final String COMMUNICATION_FAULT = "powermeter/CommunicationFault";
  private static final Logger LOG = LoggerFactory.getLogger(MqttPowerMeter.class);

  private final ApiOptions options;
  private final List<PowerMeterListener> listeners = new CopyOnWriteArrayList<>();
  private volatile ErrorListener errors;
  private final CommunicationCheck commCheck;
  private final PendingRequests requests;

  public MqttPowerMeter(MqttConnection mqtt, String prefix, String moduleId, ApiOptions options) {
    this(mqtt, new ApiTopics(prefix, API_TYPE, moduleId), options);
  }

  public MqttPowerMeter(MqttConnection mqtt, ApiTopics topics, ApiOptions options) {
    super(mqtt, topics, LOG);
    this.options = options;
    this.requests = new PendingRequests(mqtt, topics, badInput);
    this.commCheck = new CommunicationCheck(mqtt.timers(), options.communicationCheckTimeoutMs(),
        new CommunicationCheck.Fault() {
          @Override
          public void raise(String subType, String message) {
            LOG.warn("{}: {} ({})", topics, COMMUNICATION_FAULT, subType);
            ErrorListener e = errors;
            if (e != null) {
              e.onErrorRaised(ErrorSource.POWER_METER,
                  RaisedError.of(COMMUNICATION_FAULT, subType, message, Severity.High));
            }
          }

          @Override
          public void clear(String subType) {
            LOG.info("{}: {} ({}) cleared", topics, COMMUNICATION_FAULT, subType);
            ErrorListener e = errors;
            if (e != null) {
              e.onErrorCleared(ErrorSource.POWER_METER, COMMUNICATION_FAULT, subType);
            }
          }
        });
  }

  /** Adds a receiver of meter values and the public key (the kernel). */
  public MqttPowerMeter addListener(PowerMeterListener listener) {
    listeners.add(listener);
    return this;
  }

  /** Where the communication fault goes (the kernel). */
  public MqttPowerMeter setErrorListener(ErrorListener listener) {
    this.errors = listener;
    return this;
  }

  public boolean communicationFaultActive() {
    return commCheck.faultActive();
  }

  /** How many transaction requests wait for the meter's reply. */
  public int openRequests() {
    return requests.open();
  }

  /** Subscribes to the meter's topics and starts heartbeat and communication check. */
  public CompletableFuture<Void> start() {
    if (!markStarted()) {
      return subscriptionsReady();
    }
    driverVar("powermeter_values", text -> {
      Powermeter p = Payloads.decode(text, Powermeter.class);
      listeners.forEach(l -> l.onPowermeter(p));
    });
    driverVar("public_key_ocmf", text -> {
      String key = Payloads.string(text);
      listeners.forEach(l -> l.onPublicKeyOcmf(key));
    });
    on(topics.m2e("communication_check"), (t, text) -> commCheck.check(Payloads.bool(text)));
    on(topics.replyFilter(), (t, text) -> {
      requests.onReply(t, text);
      commCheck.alive();
    });
    startHeartbeat(topics.e2m("heartbeat"), options.heartbeatIntervalMs());
    commCheck.start();
    return subscriptionsReady();
  }

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

  @Override
  public CompletionStage<TransactionStartResponse> startTransaction(TransactionReq request) {
    return requests.send("start_transaction", Optional.of(request),
        n -> Payloads.decode(n, TransactionStartResponse.class, ""),
        options.requestReplyTimeoutMs(),
        () -> new TransactionStartResponse(TransactionRequestStatus.UNEXPECTED_ERROR,
            Optional.of("no reply from the power meter"), Optional.empty(), Optional.empty()));
  }

  @Override
  public CompletionStage<TransactionStopResponse> stopTransaction(String transactionId) {
    Object payload = options.stopTransactionAsObject()
        ? JsonNodeFactory.instance.objectNode().put("transaction_id", transactionId)
        : transactionId;
    return requests.send("stop_transaction", Optional.of(payload),
        n -> Payloads.decode(n, TransactionStopResponse.class, ""),
        options.requestReplyTimeoutMs(),
        () -> new TransactionStopResponse(TransactionRequestStatus.UNEXPECTED_ERROR, Optional.empty(),
            Optional.empty(), Optional.of("no reply from the power meter")));
  }
}
