package dev.evse.app.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.evse.api.errors.RaisedError;
import dev.evse.core.EvseStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The messages the dashboard pushes to the page over its WebSocket ({@code /ws}), as JSON text.
 * Every message has {@code "v":1} (the protocol version: fields are only ever added within a
 * version) and a {@code "type"}:
 *
 * <pre>
 * hello    {v,type,evses:[{id,name}],store:bool,errorTypes:[{type,label}]}  board errors offered
 * state    {v,type,t:epochMs,evses:[EVSE]}                   on every change, and every second
 * samples  {v,type,evse:id,t:[epochS],l1:[A],l2:[A],l3:[A],kw:[kW]}  chart backlog, on connect
 * events   {v,type,items:[{t:epochMs,evse,kind,event,text}]}  timeline: backlog, then new lines
 * history  {v,type,source:"store"|"memory",note,items:[{uuid,evse,start,end,token,energyWh,reason}]}
 *
 * EVSE = {id,name,state,stateText,plugged,authorized,tx,cp (as the board measures it),pwm,relays (the board's),locked,enabled,reserved,
 *         maxA,phases,car,errors:[{type,sev,msg}],session:SESSION|null,
 *         meter:{energyWh,powerW,l1,l2,l3}}
 * SESSION = {uuid,token,start:epochMs,energyWh,durationS}
 * </pre>
 *
 * {@code kind} of a timeline line is {@code session} (a session event), {@code error} (raised or
 * cleared) or {@code control} (a dashboard command and its answer). Times in {@code history} are
 * epoch milliseconds. Control commands go the other way over HTTP: see {@link Dashboard}.
 */
final class DashboardJson {
  static final int VERSION = 1;
  static final ObjectMapper MAPPER = new ObjectMapper();

  private DashboardJson() {}

  static ObjectNode message(String type) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("v", VERSION);
    n.put("type", type);
    return n;
  }

  static ObjectNode hello(Collection<StationView> views, boolean store, Map<String, String> errorTypes) {
    ObjectNode n = message("hello");
    ArrayNode evses = n.putArray("evses");
    for (StationView v : views) {
      evses.addObject().put("id", v.id()).put("name", v.name());
    }
    n.put("store", store);
    ArrayNode types = n.putArray("errorTypes");
    errorTypes.forEach((type, label) -> types.addObject().put("type", type).put("label", label));
    return n;
  }

  /** One EVSE's card. */
  static ObjectNode evse(int id, String name, EvseStatus s, HardwareReading hw,
      Optional<SessionTracker.Current> session, Instant now) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("id", id);
    n.put("name", name);
    n.put("state", s.state().name());
    n.put("stateText", s.state().humanName());
    n.put("plugged", s.pluggedIn());
    n.put("authorized", s.authorized());
    n.put("tx", s.transactionActive());
    n.put("cp", hw.cp() != null ? hw.cp() : s.cpState());
    n.put("pwm", round(s.pwmDutyPercent(), 1));
    n.put("relays", hw.relaysClosed());
    n.put("locked", hw.locked());
    n.put("enabled", s.enabled());
    n.put("reserved", s.reserved());
    n.put("maxA", round(s.maxCurrentA(), 1));
    n.put("phases", s.phases());
    n.put("car", hw.car());
    ArrayNode errors = n.putArray("errors");
    for (RaisedError e : s.activeErrors()) {
      errors.addObject().put("type", e.type() + (e.subType().isEmpty() ? "" : "/" + e.subType()))
          .put("sev", e.severity().name()).put("msg", e.message());
    }
    double meterWh = s.lastMeterValue().map(m -> m.energyWhImport().total()).orElse(hw.energyWh());
    if (session.isPresent()) {
      SessionTracker.Current c = session.get();
      n.putObject("session")
          .put("uuid", c.uuid())
          .put("token", c.token())
          .put("start", c.start().toEpochMilli())
          .put("energyWh", round(c.energyWh(meterWh), 1))
          .put("durationS", Math.max(0, Duration.between(c.start(), now).toSeconds()));
    } else {
      n.putNull("session");
    }
    n.putObject("meter")
        .put("energyWh", round(meterWh, 1))
        .put("powerW", round(hw.powerW(), 0))
        .put("l1", round(hw.l1A(), 2))
        .put("l2", round(hw.l2A(), 2))
        .put("l3", round(hw.l3A(), 2));
    return n;
  }

  static ObjectNode timelineEntry(SessionTracker.TimelineEntry e) {
    return MAPPER.createObjectNode().put("t", e.timeMs()).put("evse", e.evseId()).put("kind", e.kind())
        .put("event", e.event()).put("text", e.text());
  }

  static ObjectNode events(Collection<SessionTracker.TimelineEntry> entries) {
    ObjectNode n = message("events");
    ArrayNode items = n.putArray("items");
    entries.forEach(e -> items.add(timelineEntry(e)));
    return n;
  }

  static ObjectNode history(String source, String note, List<SessionSummary> sessions) {
    ObjectNode n = message("history");
    n.put("source", source);
    n.put("note", note);
    ArrayNode items = n.putArray("items");
    for (SessionSummary s : sessions) {
      items.addObject().put("uuid", s.uuid()).put("evse", s.evseId()).put("start", s.start().toEpochMilli())
          .put("end", s.end().toEpochMilli()).put("token", s.idToken()).put("energyWh", round(s.energyWh(), 1))
          .put("reason", s.stopReason());
    }
    return n;
  }

  static double round(double value, int decimals) {
    if (!Double.isFinite(value)) {
      return 0.0;
    }
    double f = Math.pow(10, decimals);
    return Math.round(value * f) / f;
  }
}
