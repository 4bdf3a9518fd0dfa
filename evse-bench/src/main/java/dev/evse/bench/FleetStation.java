package dev.evse.bench;

import dev.evse.api.EvseManagerListener;
import dev.evse.api.types.SessionEvent;
import dev.evse.core.EvseManager;
import dev.evse.core.runtime.EventLoop;

/**
 * One EVSE of the fleet: a kernel, the hardware behind it and a car that runs
 * {@link SessionPlan} a given number of times. Everything runs on the EVSE's own loop; the
 * counters are written there only (read elsewhere for progress, and exactly once the loop is
 * quiet).
 */
abstract class FleetStation implements EvseManagerListener {
  final EventLoop loop;
  final SessionPlan plan;
  EvseManager evse;
  private int sessionsLeft;
  private int chargeStarts;

  /** Inputs to the kernel: BSP events, meter values, commands. */
  long inputs;
  /** Outputs of the kernel: board and meter commands, session events. */
  long outputs;
  long sessionsDone;
  /** True between ChargingStarted and the next pause, stop or end. */
  volatile boolean charging;

  FleetStation(EventLoop loop, SessionPlan plan, int sessions) {
    this.loop = loop;
    this.plan = plan;
    this.sessionsLeft = sessions;
  }

  /** Powers up after {@code delayMs}; the first car arrives {@code firstArrivalMs} after that. */
  final void start(long delayMs, long firstArrivalMs) {
    loop.schedule(delayMs, () -> {
      powerUp();
      evse.start();
      inputs++;
      evse.setMaxCurrent(32.0, Tokens.LONG_VALIDITY_MS);
      if (sessionsLeft > 0) {
        loop.schedule(firstArrivalMs, this::arrive);
      }
    });
  }

  /** The hardware reports its capabilities, phases, CP A and a first meter value. */
  abstract void powerUp();

  /** The car plugs in and will charge as soon as the PWM allows. */
  abstract void plugIn();

  /** The car stops (true) or resumes (false) drawing: C to B, or B to C. */
  abstract void evPause(boolean paused);

  abstract void unplug();

  private void arrive() {
    sessionsLeft--;
    chargeStarts = 0;
    plugIn();
  }

  @Override
  public void onSessionEvent(SessionEvent e) {
    outputs++;
    switch (e.event()) {
      case AuthRequired -> loop.schedule(plan.authDelayMs(), () -> {
        inputs++;
        evse.authorizeResponse(Tokens.CARD, Tokens.ACCEPTED);
      });
      case ChargingStarted -> {
        charging = true;
        chargeStarts++;
        if (chargeStarts == 1) {
          loop.schedule(plan.firstChargeMs(), () -> {
            evPause(true);
            loop.schedule(plan.pauseMs(), () -> evPause(false));
          });
        } else if (chargeStarts == 2) {
          loop.schedule(plan.secondChargeMs(), () -> {
            evPause(true);
            loop.schedule(plan.unplugAfterMs(), this::unplug);
          });
        }
      }
      case ChargingPausedEV, ChargingPausedEVSE, StoppingCharging, ChargingFinished -> charging = false;
      case SessionFinished -> {
        charging = false;
        sessionsDone++;
        if (sessionsLeft > 0) {
          loop.schedule(plan.gapMs(), this::arrive);
        }
      }
      default -> { }
    }
  }
}
