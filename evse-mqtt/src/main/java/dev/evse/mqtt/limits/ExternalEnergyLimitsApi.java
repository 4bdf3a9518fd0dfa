package dev.evse.mqtt.limits;

import dev.evse.api.types.ExternalLimits;
import dev.evse.mqtt.ApiOptions;
import dev.evse.mqtt.ApiTopics;
import dev.evse.mqtt.MqttConnection;
import dev.evse.mqtt.internal.ApiEndpoint;
import dev.evse.mqtt.internal.CommunicationCheck;
import dev.evse.mqtt.internal.Payloads;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves EVerest's {@code external_energy_limits_consumer} API under
 * {@code <prefix>everest_api/1/external_energy_limits_consumer/<module_id>/}: m2e
 * {@code set_external_limits} (a bare {@code ExternalLimits} object, no reply) goes to an
 * {@link ExternalLimitsListener}; {@code communication_check} and e2m {@code heartbeat} as every
 * API. The effect shows later as the EVSE's {@code enforced_limits}.
 */
public final class ExternalEnergyLimitsApi extends ApiEndpoint {
  public static final String API_TYPE = "external_energy_limits_consumer";
  private static final Logger LOG = LoggerFactory.getLogger(ExternalEnergyLimitsApi.class);

  private final ApiOptions options;
  private final ExternalLimitsListener listener;
  private final CommunicationCheck commCheck;
  private final AtomicReference<ExternalLimits> last = new AtomicReference<>();

  public ExternalEnergyLimitsApi(MqttConnection mqtt, String prefix, String moduleId, ApiOptions options,
      ExternalLimitsListener listener) {
    super(mqtt, new ApiTopics(prefix, API_TYPE, moduleId), LOG);
    this.options = options;
    this.listener = Objects.requireNonNull(listener, "listener");
    this.commCheck = new CommunicationCheck(mqtt.timers(), options.communicationCheckTimeoutMs(),
        new CommunicationCheck.Fault() {
          @Override
          public void raise(String subType, String message) {
            LOG.info("{}: generic/CommunicationFault ({}): {}", topics, subType, message);
          }

          @Override
          public void clear(String subType) {
            LOG.info("{}: generic/CommunicationFault ({}) cleared", topics, subType);
          }
        });
  }

  public CompletableFuture<Void> start() {
    if (!markStarted()) {
      return subscriptionsReady();
    }
    on(topics.m2e("set_external_limits"), (t, text) -> {
      ExternalLimits limits = Payloads.decode(text, ExternalLimits.class);
      commCheck.alive();
      last.set(limits);
      listener.onExternalLimits(topics.moduleId(), limits);
    });
    on(topics.m2e("communication_check"), (t, text) -> commCheck.check(Payloads.bool(text)));
    startHeartbeat(topics.e2m("heartbeat"), options.heartbeatIntervalMs());
    commCheck.start();
    return subscriptionsReady();
  }

  /** The limits last set, if any. */
  public Optional<ExternalLimits> lastLimits() {
    return Optional.ofNullable(last.get());
  }

  public boolean communicationFaultActive() {
    return commCheck.faultActive();
  }

  @Override
  protected void onClose() {
    commCheck.stop();
  }
}
