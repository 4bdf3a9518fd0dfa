package dev.evse.mqtt.driverside;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.evse.api.codec.WireCodec;
import dev.evse.api.types.Powermeter;
import dev.evse.api.types.TransactionReq;
import dev.evse.core.port.PowerMeter;
import dev.evse.core.port.PowerMeterListener;
import dev.evse.mqtt.ApiTopics;
import dev.evse.mqtt.MqttConnection;
import dev.evse.mqtt.internal.ApiEndpoint;
import dev.evse.mqtt.internal.BadMessage;
import dev.evse.mqtt.internal.Payloads;
import dev.evse.mqtt.internal.Request;
import dev.evse.mqtt.internal.TopicFilters;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The driver side of {@code powermeter}: exposes a local {@link PowerMeter} to an EVSE manager.
 * Answers the e2m requests {@code start_transaction} and {@code stop_transaction} (payload a bare
 * id, or {@code {"transaction_id":..}}) on their {@code replyTo}; {@link #listener()} publishes
 * {@code powermeter_values} and {@code public_key_ocmf}; {@code communication_check true} every
 * second; the public key is sent again on every (re)connect.
 */
public final class PowerMeterDriver extends ApiEndpoint {
  private static final Logger LOG = LoggerFactory.getLogger(PowerMeterDriver.class);

  private final PowerMeter meter;
  private final DriverOptions options;
  private final Executor executor;
  private final HeartbeatWatch heartbeat;
  private volatile String publicKey;

  private final PowerMeterListener listener = new PowerMeterListener() {
    @Override
    public void onPowermeter(Powermeter reading) {
      publishJson(topics.m2e("powermeter_values"), reading);
    }

    @Override
    public void onPublicKeyOcmf(String key) {
      publicKey = WireCodec.encode(key);
      publish(topics.m2e("public_key_ocmf"), publicKey);
    }
  };

  public PowerMeterDriver(MqttConnection mqtt, ApiTopics topics, PowerMeter meter, DriverOptions options,
      Executor executor) {
    super(mqtt, topics, LOG);
    this.meter = meter;
    this.options = options;
    this.executor = executor;
    this.heartbeat = new HeartbeatWatch(options.everestLostAfterMs(), new HeartbeatWatch.Listener() {
      @Override
      public void lost(long silentMs) {
        LOG.warn("{}: no heartbeat from the EVSE manager for {} ms", topics, silentMs);
      }

      @Override
      public void back() {
        LOG.info("{}: EVSE manager is back", topics);
      }
    });
  }

  /** Where the local meter reports (publishes the m2e vars). */
  public PowerMeterListener listener() {
    return listener;
  }

  public boolean everestLost() {
    return heartbeat.isLost();
  }

  public CompletableFuture<Void> start() {
    if (!markStarted()) {
      return subscriptionsReady();
    }
    on(topics.e2m("start_transaction"), (t, text) -> {
      Request req = Request.parse(text);
      TransactionReq r = Payloads.decode(req.requirePayload(), TransactionReq.class, "payload");
      answer(req, () -> meter.startTransaction(r));
    });
    on(topics.e2m("stop_transaction"), (t, text) -> {
      Request req = Request.parse(text);
      JsonNode p = req.requirePayload();
      String id;
      if (p.isTextual()) {
        id = p.textValue();
      } else if (p.isObject() && p.path("transaction_id").isTextual()) {
        id = p.get("transaction_id").textValue();
      } else {
        throw new BadMessage("payload: expected the transaction id (string or {\"transaction_id\":..}), got "
            + Payloads.kind(p));
      }
      answer(req, () -> meter.stopTransaction(id));
    });
    on(topics.e2m("heartbeat"), (t, text) -> {
      Payloads.integer(Payloads.parse(text), "", Integer.MIN_VALUE, Integer.MAX_VALUE);
      heartbeat.beat();
    });
    if (options.communicationCheckIntervalMs() > 0) {
      every(options.communicationCheckIntervalMs(), () -> publish(topics.m2e("communication_check"), "true"));
    }
    heartbeat.start(mqtt.timers());
    return subscriptionsReady();
  }

  private void answer(Request req, Supplier<CompletionStage<?>> call) {
    executor.execute(() -> {
      CompletionStage<?> stage;
      try {
        stage = call.get();
      } catch (RuntimeException e) {
        stage = CompletableFuture.failedFuture(e);
      }
      stage.whenComplete((value, error) -> {
        if (!req.wantsReply() || !TopicFilters.isValidTopicName(topics.replyTopic(req.replyTo()))) {
          return;
        }
        String reply = error == null ? WireCodec.encode(value)
            : WireCodec.encode(JsonNodeFactory.instance.objectNode()
                .put("status", "UNEXPECTED_ERROR").put("error", String.valueOf(error.getMessage())));
        publish(topics.replyTopic(req.replyTo()), reply);
      });
    });
  }

  @Override
  protected void onConnected(boolean reconnect) {
    publish(topics.m2e("communication_check"), "true");
    String key = publicKey;
    if (key != null) {
      publish(topics.m2e("public_key_ocmf"), key);
    }
  }

  @Override
  protected void onClose() {
    heartbeat.stop();
  }
}
