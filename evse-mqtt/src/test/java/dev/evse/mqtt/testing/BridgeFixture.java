package dev.evse.mqtt.testing;

import dev.evse.api.types.ConnectorTypeEnum;
import dev.evse.core.EvseConfig;
import dev.evse.core.EvseManager;
import dev.evse.core.runtime.RealTimeLoopGroup;
import dev.evse.mqtt.ApiOptions;
import dev.evse.mqtt.EvseBinding;
import dev.evse.mqtt.EvseBridge;
import dev.evse.mqtt.HiveMqConnection;
import dev.evse.mqtt.MqttEvseBridges;
import dev.evse.mqtt.MqttSettings;
import dev.evse.api.types.EnforcedLimits;
import dev.evse.api.types.LimitsRes;
import dev.evse.api.types.NumberWithSource;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** The system under test: EVSE managers on a real-time loop group, bridged to a broker. */
public final class BridgeFixture implements AutoCloseable {
  public final HiveMqConnection mqtt;
  public final RealTimeLoopGroup group = new RealTimeLoopGroup(2);
  public final MqttEvseBridges bridges;

  public BridgeFixture(int brokerPort, ApiOptions options) {
    this(MqttSettings.localhost(brokerPort), options);
  }

  public BridgeFixture(MqttSettings settings, ApiOptions options) {
    mqtt = HiveMqConnection.open(settings.withReconnectDelays(Duration.ofMillis(50), Duration.ofMillis(500)));
    bridges = new MqttEvseBridges(mqtt, options);
  }

  /** The kernel config the tests use: AC, cType2, auth required, short initial meter wait. */
  public static EvseConfig config(int connectorId) {
    EvseConfig c = new EvseConfig();
    c.connectorId = connectorId;
    c.connectorType = ConnectorTypeEnum.cType2;
    c.evseId = "DE*TST*E000" + connectorId + "*1";
    c.initialMeterValueTimeoutMs = 1000;
    return c;
  }

  public EvseBridge add(EvseBinding binding, int connectorId, Consumer<EvseConfig> tweak) {
    EvseConfig c = config(connectorId);
    tweak.accept(c);
    return bridges.add(binding, ports -> ports.applyTo(
        EvseManager.builder(group.newLoop(binding.consumerModuleId()), ports.board()), true)
        .config(c)
        .moduleId(binding.consumerModuleId())
        .random(new Random(connectorId))
        .build());
  }

  /** Connects, subscribes, then starts every kernel. */
  public BridgeFixture start() throws Exception {
    mqtt.connected().get(10, TimeUnit.SECONDS);
    bridges.start().get(10, TimeUnit.SECONDS);
    bridges.evses().forEach(b -> b.evse().start());
    for (EvseBridge b : bridges.evses()) {
      grant(b, 16.0);
    }
    return this;
  }

  /** What an energy manager would do: 16 A for an hour, through enforce_limits. */
  public static void grant(EvseBridge b, double amps) throws Exception {
    b.evse().enforceLimits(new EnforcedLimits(b.evse().moduleId(), 3600,
        new LimitsRes(Optional.empty(), Optional.of(new NumberWithSource(amps, "test")), Optional.empty()),
        List.of())).get(5, TimeUnit.SECONDS);
  }

  @Override
  public void close() {
    bridges.close();
    mqtt.close();
    group.close();
  }
}
