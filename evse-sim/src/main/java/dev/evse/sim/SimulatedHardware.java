package dev.evse.sim;

import dev.evse.core.port.BoardSupportListener;
import dev.evse.core.port.ErrorListener;
import dev.evse.core.port.PowerMeterListener;
import dev.evse.core.runtime.EventLoop;
import java.util.List;
import java.util.Objects;

/**
 * The whole simulated charge point behind one connector: car, board support, power meter,
 * connector lock and error reporting, all driven by one {@link EventLoop}. With a loop from a
 * {@code VirtualTimeLoopGroup} everything is deterministic.
 *
 * <pre>{@code
 * SimulatedHardware hw = new SimulatedHardware(loop, SimulationConfig.defaults());
 * hw.connect(bspListener, meterListener, errorListener); // kernel side
 * hw.start();                                            // capabilities, CP A, meter, car ticks
 * hw.car().execute(SimulationConfig.SIL_DEFAULT_SCRIPT);
 * }</pre>
 *
 * The kernel commands {@link #board()}, {@link #meter()} and {@link #lock()} through their port
 * interfaces. Reports to the listeners are posted on the loop.
 */
public final class SimulatedHardware {
  private final SimContext ctx;
  private final SimulatedErrors errors;
  private final SimulatedCar car;
  private final SimulatedBoard board;
  private final SimulatedPowerMeter meter;
  private final SimulatedConnectorLock lock;

  public SimulatedHardware(EventLoop loop) {
    this(loop, SimulationConfig.defaults());
  }

  public SimulatedHardware(EventLoop loop, SimulationConfig config) {
    this.ctx = new SimContext(Objects.requireNonNull(loop, "loop"), Objects.requireNonNull(config, "config"));
    this.errors = new SimulatedErrors(ctx);
    this.car = new SimulatedCar(ctx);
    this.board = new SimulatedBoard(ctx, car, errors);
    this.meter = new SimulatedPowerMeter(ctx, board);
    this.lock = new SimulatedConnectorLock(ctx);
  }

  /** Where the devices report to; call before {@link #start()} (null = drop those reports). */
  public SimulatedHardware connect(
      BoardSupportListener boardListener, PowerMeterListener meterListener, ErrorListener errorListener) {
    board.setListener(boardListener);
    meter.setListener(meterListener);
    errors.setListener(errorListener);
    return this;
  }

  /**
   * Powers up: the board publishes its capabilities, the phases available and the initial CP
   * state (A), the meter its public key and a first reading; then telemetry (1 s), meter readings
   * (1 s) and the car's 250 ms tick start. With {@code carAutoExec} the car starts its script.
   */
  public void start() {
    synchronized (ctx.lock) {
      if (ctx.started()) {
        return;
      }
      ctx.setStarted(true);
      board.start();
      meter.start();
      car.start();
    }
  }

  /** Stops all timers; reports still queued are dropped. State is kept; {@link #start()} resumes. */
  public void stop() {
    synchronized (ctx.lock) {
      ctx.setStarted(false);
      car.stop();
      meter.stop();
      board.stop();
    }
  }

  public boolean isStarted() {
    return ctx.started();
  }

  public SimulatedCar car() {
    return car;
  }

  public SimulatedBoard board() {
    return board;
  }

  public SimulatedPowerMeter meter() {
    return meter;
  }

  public SimulatedConnectorLock lock() {
    return lock;
  }

  public SimulatedErrors errors() {
    return errors;
  }

  public SimulationConfig config() {
    return ctx.config;
  }

  public EventLoop loop() {
    return ctx.loop;
  }

  /**
   * Every command any device received, in arrival order: devices {@code board}, {@code meter},
   * {@code lock}, and {@code errors} (raise/clear). For timelines and tests.
   */
  public List<CommandRecord> commandLog() {
    return ctx.log();
  }
}
