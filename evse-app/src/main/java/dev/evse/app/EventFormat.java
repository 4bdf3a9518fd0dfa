package dev.evse.app;

import dev.evse.api.types.SessionEvent;
import java.util.Locale;

/** One readable line per session event, with the payload that matters to a person. */
final class EventFormat {
  private EventFormat() {}

  static String describe(SessionEvent e) {
    StringBuilder s = new StringBuilder(e.event().name());
    e.sessionStarted().ifPresent(p -> {
      s.append(" reason=").append(p.reason());
      p.idTag().ifPresent(t -> s.append(" id_tag=").append(t.idToken().value()));
      p.reservationId().ifPresent(r -> s.append(" reservation_id=").append(r));
      p.loggingPath().ifPresent(l -> s.append(" logging_path=").append(l));
    });
    e.transactionStarted().ifPresent(p -> s.append(" id_tag=").append(p.idTag().idToken().value())
        .append(String.format(Locale.ROOT, " meter=%.1f Wh", p.meterValue().energyWhImport().total())));
    e.transactionFinished().ifPresent(p -> {
      p.reason().ifPresent(r -> s.append(" reason=").append(r));
      s.append(String.format(Locale.ROOT, " meter=%.1f Wh", p.meterValue().energyWhImport().total()));
      p.signedMeterValue().ifPresent(v -> s.append(" signed=").append(v.encodingMethod()));
    });
    e.chargingPausedEvse().ifPresent(p -> s.append(" reasons=").append(p.reasons()));
    e.source().ifPresent(p -> s.append(" source=").append(p.enableSource()).append('/')
        .append(p.enableState()).append('/').append(p.enablePriority()));
    if (!e.uuid().isEmpty()) {
      s.append("  [").append(e.uuid(), 0, Math.min(8, e.uuid().length())).append(']');
    }
    return s.toString();
  }
}
