package dev.evse.app.web;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.evse.api.errors.RaisedError;
import dev.evse.core.EvseStatus;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the dashboard knows of one EVSE: the session tracker, its last card (JSON), the recent
 * samples of its chart and the errors seen last. Confined to the dashboard's thread.
 */
final class StationView {
  /** How much chart the page gets on connect. */
  static final long SAMPLE_WINDOW_MS = 5 * 60 * 1000;
  static final int MAX_SAMPLES = 900;

  record Sample(long timeMs, double l1, double l2, double l3, double kw) {}

  private final DashboardStation station;
  private final SessionTracker tracker;
  private final Deque<Sample> samples = new ArrayDeque<>();
  private Map<String, RaisedError> errors = Map.of();
  private ObjectNode card;

  StationView(DashboardStation station) {
    this.station = station;
    this.tracker = new SessionTracker(station.id());
  }

  int id() {
    return station.id();
  }

  String name() {
    return station.name();
  }

  DashboardStation station() {
    return station;
  }

  SessionTracker tracker() {
    return tracker;
  }

  /** The last card, or null before the first status. */
  ObjectNode card() {
    return card;
  }

  /**
   * Takes a fresh status and hardware reading: rebuilds the card, adds a chart sample and returns
   * a timeline line per error raised or cleared since the last status.
   */
  List<SessionTracker.TimelineEntry> apply(EvseStatus status, HardwareReading hw, Instant now) {
    card = DashboardJson.evse(id(), name(), status, hw, tracker.current(), now);
    long t = now.toEpochMilli();
    Sample s = new Sample(t, hw.l1A(), hw.l2A(), hw.l3A(), hw.powerW() / 1000.0);
    if (!samples.isEmpty() && t - samples.peekLast().timeMs() < 200) {
      samples.pollLast();
    }
    samples.addLast(s);
    while (samples.size() > MAX_SAMPLES || (!samples.isEmpty() && t - samples.peekFirst().timeMs() > SAMPLE_WINDOW_MS)) {
      samples.pollFirst();
    }
    Map<String, RaisedError> now2 = new LinkedHashMap<>();
    for (RaisedError e : status.activeErrors()) {
      now2.put(key(e), e);
    }
    List<SessionTracker.TimelineEntry> lines = new ArrayList<>();
    for (Map.Entry<String, RaisedError> e : now2.entrySet()) {
      if (!errors.containsKey(e.getKey())) {
        lines.add(new SessionTracker.TimelineEntry(t, id(), "error", "ErrorRaised",
            "Error raised: " + e.getKey() + " (" + e.getValue().severity() + ")"
                + (e.getValue().message().isEmpty() ? "" : " – " + e.getValue().message())));
      }
    }
    for (String k : errors.keySet()) {
      if (!now2.containsKey(k)) {
        lines.add(new SessionTracker.TimelineEntry(t, id(), "error", "ErrorCleared", "Error cleared: " + k));
      }
    }
    errors = now2;
    return lines;
  }

  private static String key(RaisedError e) {
    return e.type() + (e.subType().isEmpty() ? "" : "/" + e.subType());
  }

  /** The chart backlog for a page that just connected. */
  ObjectNode samplesJson() {
    ObjectNode n = DashboardJson.message("samples");
    n.put("evse", id());
    ArrayNode t = n.putArray("t");
    ArrayNode l1 = n.putArray("l1");
    ArrayNode l2 = n.putArray("l2");
    ArrayNode l3 = n.putArray("l3");
    ArrayNode kw = n.putArray("kw");
    for (Sample s : samples) {
      t.add(s.timeMs() / 1000.0);
      l1.add(DashboardJson.round(s.l1(), 2));
      l2.add(DashboardJson.round(s.l2(), 2));
      l3.add(DashboardJson.round(s.l3(), 2));
      kw.add(DashboardJson.round(s.kw(), 3));
    }
    return n;
  }
}
