package dev.evse.app;

import dev.evse.api.EvseManagerListener;
import dev.evse.api.errors.RaisedError;
import dev.evse.api.types.SessionEvent;
import dev.evse.api.types.SessionEventEnum;
import dev.evse.core.port.BoardSupport;
import dev.evse.core.runtime.Clock;
import java.io.PrintStream;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Prints what an EVSE does, one line each: session events, its errors, and (optionally) every
 * command it sends to the board. Virtual runs show time since start; real runs show wall time.
 */
public final class StationOutput implements EvseManagerListener {
  private static final DateTimeFormatter WALL =
      DateTimeFormatter.ofPattern("HH:mm:ss.SSS", Locale.ROOT).withZone(ZoneOffset.UTC);

  private final PrintStream out;
  private final Clock clock;
  private final boolean virtual;
  private final boolean hardware;
  private final String prefix;
  private int sessionsFinished;

  public StationOutput(PrintStream out, Clock clock, boolean virtual, boolean hardware) {
    this(out, clock, virtual, hardware, "");
  }

  public StationOutput(PrintStream out, Clock clock, boolean virtual, boolean hardware, String prefix) {
    this.out = out;
    this.clock = clock;
    this.virtual = virtual;
    this.hardware = hardware;
    this.prefix = prefix;
  }

  /** Wraps a board so its commands are printed too. */
  public BoardSupport board(BoardSupport board) {
    return hardware ? new PrintingBoard(board, line -> note("hw", line)) : board;
  }

  @Override
  public void onSessionEvent(SessionEvent event) {
    if (event.event() == SessionEventEnum.SessionFinished) {
      sessionsFinished++;
    }
    note("event", EventFormat.describe(event));
  }

  @Override
  public void onErrorRaised(RaisedError error) {
    note("error", "raised " + error.type() + (error.message().isEmpty() ? "" : " (" + error.message() + ")"));
  }

  @Override
  public void onErrorCleared(RaisedError error) {
    note("error", "cleared " + error.type());
  }

  public synchronized void note(String kind, String text) {
    String time = virtual ? clock(clock.monotonicMillis()) : WALL.format(clock.wallTime());
    out.printf(Locale.ROOT, "%s%s  %-5s %s%n", prefix, time, kind, text);
  }

  public int sessionsFinished() {
    return sessionsFinished;
  }

  /** Milliseconds as H:MM:SS.mmm. */
  public static String clock(long millis) {
    long h = millis / 3_600_000;
    long m = millis / 60_000 % 60;
    long s = millis / 1000 % 60;
    return String.format(Locale.ROOT, "%d:%02d:%02d.%03d", h, m, s, millis % 1000);
  }
}
