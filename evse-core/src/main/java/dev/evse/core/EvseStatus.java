package dev.evse.core;

import dev.evse.api.errors.RaisedError;
import dev.evse.api.types.Powermeter;
import dev.evse.core.charger.ChargerState;
import java.util.List;
import java.util.Optional;

/** A snapshot of one EVSE for dashboards and tools. */
public record EvseStatus(
    ChargerState state,
    String sessionUuid,
    boolean pluggedIn,
    boolean authorized,
    boolean transactionActive,
    String cpState,
    double pwmDutyPercent,
    boolean relaysOn,
    double maxCurrentA,
    int phases,
    boolean reserved,
    boolean enabled,
    List<RaisedError> activeErrors,
    Optional<Powermeter> lastMeterValue) {}
