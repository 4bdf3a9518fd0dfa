package dev.evse.mqtt.driverside;

import dev.evse.core.port.NoListeners;

import dev.evse.core.port.BoardSupport;
import dev.evse.core.port.BoardSupportListener;
import dev.evse.core.port.ConnectorLock;
import dev.evse.core.port.ErrorListener;
import dev.evse.core.port.PowerMeter;
import dev.evse.core.port.PowerMeterListener;
import dev.evse.mqtt.ApiTopics;
import dev.evse.mqtt.MqttConnection;
import dev.evse.mqtt.driver.MqttBoardSupport;
import dev.evse.mqtt.driver.MqttPowerMeter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;

/**
 * Hardware behind EVerest's driver APIs: any {@link BoardSupport} (with optional
 * {@link ConnectorLock} and RCD) and any {@link PowerMeter}, exposed over MQTT <em>as the
 * driver</em>, so an EVSE manager in another process (this project's or EVerest's) can use them.
 *
 * <pre>{@code
 * SimulatedHardware hw = new SimulatedHardware(loop, SimulationConfig.defaults());
 * DriverBridge driver = DriverBridge.builder(mqtt)
 *     .board("bsp_1", hw.board())
 *     .connectorLock(hw.lock())
 *     .powerMeter("pm_1", hw.meter())
 *     .executor(loop::post)            // commands run on the hardware's loop
 *     .build();
 * hw.connect(driver.boardListener(), driver.meterListener(), driver.errorListener());
 * driver.start().get(5, TimeUnit.SECONDS);
 * hw.start();
 * }</pre>
 */
public final class DriverBridge implements AutoCloseable {
  private final Optional<BoardSupportDriver> board;
  private final Optional<PowerMeterDriver> meter;

  private DriverBridge(Optional<BoardSupportDriver> board, Optional<PowerMeterDriver> meter) {
    this.board = board;
    this.meter = meter;
  }

  public static Builder builder(MqttConnection mqtt) {
    return new Builder(mqtt);
  }

  /** Wiring of one driver process's devices. */
  public static final class Builder {
    private final MqttConnection mqtt;
    private String prefix = "";
    private DriverOptions options = DriverOptions.defaults();
    private Executor executor = Runnable::run;
    private String boardId;
    private BoardSupport boardPort;
    private ConnectorLock lock;
    private Runnable rcdSelfTest;
    private BooleanSupplier rcdReset = () -> false;
    private String meterId;
    private PowerMeter meterPort;

    private Builder(MqttConnection mqtt) {
      this.mqtt = Objects.requireNonNull(mqtt, "mqtt");
    }

    /** EVerest's external MQTT prefix, prepended verbatim (default empty). */
    public Builder prefix(String p) {
      this.prefix = p == null ? "" : p;
      return this;
    }

    public Builder options(DriverOptions o) {
      this.options = Objects.requireNonNull(o);
      return this;
    }

    /** Where commands for the local devices run (default: on the MQTT thread). */
    public Builder executor(Executor e) {
      this.executor = Objects.requireNonNull(e);
      return this;
    }

    /** Serves {@code evse_board_support} as module {@code moduleId}. */
    public Builder board(String moduleId, BoardSupport b) {
      this.boardId = Objects.requireNonNull(moduleId);
      this.boardPort = Objects.requireNonNull(b);
      return this;
    }

    /** The lock behind the board's {@code lock}/{@code unlock}. */
    public Builder connectorLock(ConnectorLock l) {
      this.lock = l;
      return this;
    }

    /** The RCD behind {@code self_test} and {@code reset} (reset answers false without it). */
    public Builder rcd(Runnable selfTest, BooleanSupplier reset) {
      this.rcdSelfTest = selfTest;
      this.rcdReset = reset == null ? () -> false : reset;
      return this;
    }

    /** Serves {@code powermeter} as module {@code moduleId}. */
    public Builder powerMeter(String moduleId, PowerMeter m) {
      this.meterId = Objects.requireNonNull(moduleId);
      this.meterPort = Objects.requireNonNull(m);
      return this;
    }

    public DriverBridge build() {
      if (boardPort == null && meterPort == null) {
        throw new IllegalStateException("a driver bridge needs a board or a power meter");
      }
      Optional<BoardSupportDriver> b = boardPort == null ? Optional.empty() : Optional.of(new BoardSupportDriver(
          mqtt, new ApiTopics(prefix, MqttBoardSupport.API_TYPE, boardId), boardPort, Optional.ofNullable(lock),
          Optional.ofNullable(rcdSelfTest), rcdReset, options, executor));
      Optional<PowerMeterDriver> m = meterPort == null ? Optional.empty() : Optional.of(new PowerMeterDriver(
          mqtt, new ApiTopics(prefix, MqttPowerMeter.API_TYPE, meterId), meterPort, options, executor));
      return new DriverBridge(b, m);
    }
  }

  /** Subscribes to the commands and starts the communication checks. */
  public CompletableFuture<Void> start() {
    List<CompletableFuture<Void>> all = new ArrayList<>();
    board.ifPresent(b -> all.add(b.start()));
    meter.ifPresent(m -> all.add(m.start()));
    return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new));
  }

  /** Where the local board reports; publishes the BSP's m2e vars (no-op without a board). */
  public BoardSupportListener boardListener() {
    return board.map(BoardSupportDriver::listener).orElse(NoListeners.BOARD);
  }

  /** Where the local meter reports; publishes the powermeter's m2e vars (no-op without a meter). */
  public PowerMeterListener meterListener() {
    return meter.map(PowerMeterDriver::listener).orElse(NoListeners.METER);
  }

  /** Where the local devices report errors: board, lock and RCD errors go out as BSP errors. */
  public ErrorListener errorListener() {
    return board.map(BoardSupportDriver::errorListener).orElse(NoListeners.ERRORS);
  }

  public Optional<BoardSupportDriver> board() {
    return board;
  }

  public Optional<PowerMeterDriver> meter() {
    return meter;
  }

  /** Whether the EVSE manager's heartbeat has stopped (on any of the APIs). */
  public boolean everestLost() {
    return board.map(BoardSupportDriver::everestLost).orElse(false)
        || meter.map(PowerMeterDriver::everestLost).orElse(false);
  }

  @Override
  public void close() {
    board.ifPresent(BoardSupportDriver::close);
    meter.ifPresent(PowerMeterDriver::close);
  }
}
