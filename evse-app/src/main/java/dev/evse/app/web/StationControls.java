package dev.evse.app.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.evse.api.errors.Severity;
import dev.evse.api.types.AuthorizationStatus;
import dev.evse.api.types.AuthorizationType;
import dev.evse.api.types.EnableDisableSource;
import dev.evse.api.types.EnableSource;
import dev.evse.api.types.EnableState;
import dev.evse.api.types.IdToken;
import dev.evse.api.types.IdTokenType;
import dev.evse.api.types.ProvidedIdToken;
import dev.evse.api.types.StopTransactionReason;
import dev.evse.api.types.StopTransactionRequest;
import dev.evse.api.types.ValidationResult;
import dev.evse.core.EvseManager;
import dev.evse.sim.CarState;
import dev.evse.sim.SimulatedHardware;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * The dashboard's controls of one EVSE: the simulated car (plug, unplug, EV pause and resume), the
 * kernel's commands (authorize, pause, resume, stop, enable, disable, reserve, cancel), its power
 * budget and the board's hardware errors.
 *
 * <p>Actions and their JSON body ({@code POST /api/evse/{id}/{action}}):
 *
 * <pre>
 * plug, unplug, ev-pause, ev-resume          {}
 * authorize                                  {"token":"ABC123"}   1..36 of [A-Za-z0-9*-_.:]
 * pause, resume, stop                        {}
 * enable, disable                            {}
 * reserve                                    {"reservationId":7}  optional, else the next number
 * cancel-reservation                         {}
 * budget                                     {"amps":16}          0..{@value #MAX_BUDGET_A}
 * raise-error, clear-error                   {"type":"MREC2GroundFailure"}  one of {@link #ERROR_TYPES}
 * </pre>
 */
final class StationControls {
  /** The script that plugs the simulated car in and lets it charge while the PWM allows. */
  static final String PLUG_SCRIPT = "iec_wait_pwr_ready;draw_power_regulated 16,3";
  static final String RESUME_SCRIPT = "draw_power_regulated 16,3";
  static final double MAX_BUDGET_A = 80.0;
  /** The dashboard votes with this priority (0 highest .. 10000 lowest) for enable/disable. */
  static final int ENABLE_PRIORITY = 100;

  /** Board errors the page offers, short type to label. */
  static final Map<String, String> ERROR_TYPES = errorTypes();

  private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9*\\-_.:]{1,36}");
  private static final AtomicInteger RESERVATIONS = new AtomicInteger();

  /** The answer of one command: accepted or refused, with a sentence for the page. */
  record Result(boolean ok, String message) {}

  /** Names of all actions, in the order the page shows them. */
  static final List<String> ACTIONS = List.of("plug", "unplug", "ev-pause", "ev-resume", "authorize", "pause",
      "resume", "stop", "enable", "disable", "reserve", "cancel-reservation", "budget", "raise-error",
      "clear-error");

  private StationControls() {}

  private static Map<String, String> errorTypes() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("MREC2GroundFailure", "Ground fault (RCD)");
    m.put("MREC4OverCurrentFailure", "Over current");
    m.put("MREC5OverVoltage", "Over voltage");
    m.put("MREC3HighTemperature", "High temperature");
    m.put("MREC8EmergencyStop", "Emergency stop");
    m.put("MREC14PilotFault", "Pilot fault");
    m.put("DiodeFault", "CP diode fault");
    m.put("MREC17EVSEContactorFault", "Contactor fault");
    m.put("PermanentFault", "Permanent fault");
    return java.util.Collections.unmodifiableMap(m);
  }

  /**
   * Runs one action.
   *
   * @throws IllegalArgumentException for an unknown action or a bad body (HTTP 400)
   */
  static CompletableFuture<Result> run(DashboardStation ds, String action, JsonNode body) {
    EvseManager evse = ds.station().evse();
    SimulatedHardware hw = ds.station().hardware();
    switch (action) {
      case "plug": {
        if (hw.car().state() != CarState.UNPLUGGED) {
          return done(false, "the car is already plugged in");
        }
        hw.car().modify(PLUG_SCRIPT);
        return done(true, "car plugged in");
      }
      case "unplug": {
        if (hw.car().state() == CarState.UNPLUGGED) {
          return done(false, "the car is not plugged in");
        }
        hw.car().modify("unplug");
        return done(true, "car unplugged");
      }
      case "ev-pause": {
        if (hw.car().state() == CarState.UNPLUGGED) {
          return done(false, "the car is not plugged in");
        }
        hw.car().modify("pause");
        return done(true, "car paused");
      }
      case "ev-resume": {
        if (hw.car().state() == CarState.UNPLUGGED) {
          return done(false, "the car is not plugged in");
        }
        hw.car().modify(RESUME_SCRIPT);
        return done(true, "car resumed");
      }
      case "authorize": {
        String token = text(body, "token").trim();
        if (!TOKEN.matcher(token).matches()) {
          throw new IllegalArgumentException("token: 1 to 36 letters, digits or *-_.: please");
        }
        ProvidedIdToken provided = new ProvidedIdToken(Optional.empty(),
            new IdToken(token, IdTokenType.ISO14443, Optional.empty()), Optional.empty(), AuthorizationType.RFID,
            Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
        ValidationResult accepted = new ValidationResult(AuthorizationStatus.Accepted, Optional.empty(), List.of(),
            Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
        return evse.authorizeResponse(provided, accepted).thenApply(v -> new Result(true, "token " + token + " accepted"));
      }
      case "pause":
        return verdict(evse.pauseCharging(), "charging paused", "nothing to pause");
      case "resume":
        return verdict(evse.resumeCharging(), "charging resumed", "nothing to resume");
      case "stop":
        return verdict(evse.stopTransaction(StopTransactionRequest.of(StopTransactionReason.Local)),
            "transaction stopped", "no transaction to stop");
      case "enable":
        return evse.enableDisable(0, new EnableDisableSource(EnableSource.LocalAPI, EnableState.Enable, ENABLE_PRIORITY))
            .thenApply(on -> new Result(on, on ? "enabled" : "still disabled by a source of higher priority"));
      case "disable":
        return evse.enableDisable(0, new EnableDisableSource(EnableSource.LocalAPI, EnableState.Disable, ENABLE_PRIORITY))
            .thenApply(on -> new Result(!on, on ? "still enabled by a source of higher priority" : "disabled"));
      case "reserve": {
        int id = body.hasNonNull("reservationId") ? intValue(body, "reservationId", 0, Integer.MAX_VALUE)
            : RESERVATIONS.incrementAndGet();
        return verdict(evse.reserve(id), "reserved (reservation " + id + ")",
            "reservation refused (only an idle, working EVSE can be reserved)");
      }
      case "cancel-reservation":
        return evse.cancelReservation().thenApply(v -> new Result(true, "reservation cancelled"));
      case "budget": {
        double amps = number(body, "amps");
        if (!(amps >= 0.0 && amps <= MAX_BUDGET_A)) {
          throw new IllegalArgumentException("amps: 0 to " + (int) MAX_BUDGET_A + " please");
        }
        ds.budgetSetter().accept(amps);
        return done(true, String.format(java.util.Locale.ROOT, "power budget set to %.1f A", amps));
      }
      case "raise-error": {
        String type = errorType(body);
        if (hw.errors().isActive(fullType(type))) {
          return done(false, ERROR_TYPES.get(type) + " is already active");
        }
        hw.board().raiseError(type, Severity.High);
        return done(true, ERROR_TYPES.get(type) + " raised");
      }
      case "clear-error": {
        String type = errorType(body);
        if (!hw.errors().isActive(fullType(type))) {
          return done(false, ERROR_TYPES.get(type) + " is not active");
        }
        hw.board().clearError(type);
        return done(true, ERROR_TYPES.get(type) + " cleared");
      }
      default:
        throw new IllegalArgumentException("unknown action '" + action + "'; one of " + ACTIONS);
    }
  }

  static String fullType(String shortType) {
    return "evse_board_support/" + shortType;
  }

  private static String errorType(JsonNode body) {
    String type = text(body, "type");
    if (type.startsWith("evse_board_support/")) {
      type = type.substring("evse_board_support/".length());
    }
    if (!ERROR_TYPES.containsKey(type)) {
      throw new IllegalArgumentException("type: one of " + ERROR_TYPES.keySet());
    }
    return type;
  }

  private static CompletableFuture<Result> done(boolean ok, String message) {
    return CompletableFuture.completedFuture(new Result(ok, message));
  }

  private static CompletableFuture<Result> verdict(CompletableFuture<Boolean> f, String yes, String no) {
    return f.thenApply(ok -> new Result(ok, ok ? yes : no));
  }

  private static String text(JsonNode body, String field) {
    JsonNode n = body.get(field);
    if (n == null || !n.isTextual()) {
      throw new IllegalArgumentException(field + ": a string is needed");
    }
    return n.asText();
  }

  private static double number(JsonNode body, String field) {
    JsonNode n = body.get(field);
    if (n == null || !n.isNumber()) {
      throw new IllegalArgumentException(field + ": a number is needed");
    }
    return n.asDouble();
  }

  private static int intValue(JsonNode body, String field, int min, int max) {
    JsonNode n = body.get(field);
    if (n == null || !n.canConvertToInt() || !n.isIntegralNumber() || n.asInt() < min || n.asInt() > max) {
      throw new IllegalArgumentException(field + ": a whole number from " + min + " is needed");
    }
    return n.asInt();
  }
}
