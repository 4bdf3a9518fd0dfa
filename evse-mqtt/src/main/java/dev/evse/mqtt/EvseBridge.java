package dev.evse.mqtt;

import dev.evse.core.EvseManager;
import dev.evse.mqtt.consumer.EvseManagerConsumerApi;
import dev.evse.mqtt.driver.MqttBoardSupport;
import dev.evse.mqtt.driver.MqttPowerMeter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * One EVSE manager on MQTT: its board support and meter are external drivers
 * ({@code evse_board_support}, {@code powermeter}), and it serves {@code evse_manager_consumer}.
 *
 * <pre>{@code
 * EvseBridge bridge = EvseBridge.create(mqtt, EvseBinding.of("evse_1", "bsp_1", "pm_1"), ApiOptions.defaults(),
 *     ports -> ports.applyTo(EvseManager.builder(loop, ports.board()), true).config(config).build());
 * bridge.start().get(5, TimeUnit.SECONDS);   // MQTT side: subscriptions, heartbeats, checks
 * bridge.evse().start();                     // the kernel
 * }</pre>
 */
public final class EvseBridge implements AutoCloseable {
  private final EvseBinding binding;
  private final MqttBoardSupport board;
  private final Optional<MqttPowerMeter> meter;
  private final EvseManager evse;
  private final EvseManagerConsumerApi consumer;

  private EvseBridge(EvseBinding binding, MqttBoardSupport board, Optional<MqttPowerMeter> meter, EvseManager evse,
      EvseManagerConsumerApi consumer) {
    this.binding = binding;
    this.board = board;
    this.meter = meter;
    this.evse = evse;
    this.consumer = consumer;
  }

  /**
   * Creates the MQTT ports, lets {@code kernel} build the EVSE manager on them, and connects the
   * drivers' reports and the consumer API to it. Nothing is subscribed before {@link #start()}.
   */
  public static EvseBridge create(MqttConnection mqtt, EvseBinding binding, ApiOptions options,
      Function<EvsePorts, EvseManager> kernel) {
    Objects.requireNonNull(kernel, "kernel");
    MqttBoardSupport board = new MqttBoardSupport(mqtt, binding.topicPrefix(), binding.boardModuleId(), options);
    Optional<MqttPowerMeter> meter = binding.meterModuleId()
        .map(id -> new MqttPowerMeter(mqtt, binding.topicPrefix(), id, options));
    EvseManager evse = Objects.requireNonNull(kernel.apply(new EvsePorts(board, meter)), "kernel built no manager");
    EvseManagerConsumerApi consumer = new EvseManagerConsumerApi(mqtt,
        new ApiTopics(binding.topicPrefix(), EvseManagerConsumerApi.API_TYPE, binding.consumerModuleId()), evse,
        options);
    evse.addListener(consumer.listener());
    board.addListener(evse).addListener(consumer.boardVars()).setErrorListener(evse);
    meter.ifPresent(m -> m.addListener(evse).setErrorListener(evse));
    return new EvseBridge(binding, board, meter, evse, consumer);
  }

  /** Subscribes every topic and starts heartbeats and communication checks; completes when subscribed. */
  public CompletableFuture<Void> start() {
    List<CompletableFuture<Void>> all = new ArrayList<>();
    all.add(board.start());
    meter.ifPresent(m -> all.add(m.start()));
    all.add(consumer.start());
    return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new));
  }

  public EvseBinding binding() {
    return binding;
  }

  public EvseManager evse() {
    return evse;
  }

  public MqttBoardSupport board() {
    return board;
  }

  public Optional<MqttPowerMeter> meter() {
    return meter;
  }

  public EvseManagerConsumerApi consumerApi() {
    return consumer;
  }

  /** Ends the MQTT side (the kernel keeps running; stop its loop group separately). */
  @Override
  public void close() {
    consumer.close();
    meter.ifPresent(MqttPowerMeter::close);
    board.close();
  }
}
