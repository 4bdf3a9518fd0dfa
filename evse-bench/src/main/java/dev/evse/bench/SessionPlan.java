package dev.evse.bench;

/**
 * What each simulated car does in one session of the fleet benchmark, in (virtual or real)
 * milliseconds: it arrives, the card is presented {@link #authDelayMs} after the EVSE asks for
 * authorisation, it charges {@link #firstChargeMs}, pauses (EV side, C to B) for
 * {@link #pauseMs}, charges {@link #secondChargeMs} more, stops drawing (C to B), unplugs
 * {@link #unplugAfterMs} later, and the next car arrives {@link #gapMs} after the session ended.
 *
 * @param firstArrivalWindowMs first arrivals are spread uniformly over this window
 * @param meterPeriodMs the billing meter publishes a reading this often
 */
public record SessionPlan(
    long firstArrivalWindowMs,
    long authDelayMs,
    long firstChargeMs,
    long pauseMs,
    long secondChargeMs,
    long unplugAfterMs,
    long gapMs,
    long meterPeriodMs) {

  /** One hour of charging at 16 A x 3 with a 2 min EV pause half-way, meter values every 10 s. */
  public static final SessionPlan DEFAULT =
      new SessionPlan(60_000, 1_000, 30 * 60_000, 2 * 60_000, 30 * 60_000, 10_000, 60_000, 10_000);

  /** Virtual time one session takes at most, arrival to arrival (the kernel adds only milliseconds). */
  public long sessionSpanMs() {
    return authDelayMs + firstChargeMs + pauseMs + secondChargeMs + unplugAfterMs + gapMs + 5_000;
  }
}
