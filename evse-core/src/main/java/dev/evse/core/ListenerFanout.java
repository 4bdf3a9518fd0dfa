package dev.evse.core;

import dev.evse.api.EvseManagerListener;
import dev.evse.api.errors.RaisedError;
import dev.evse.api.types.CarManufacturer;
import dev.evse.api.types.EVInfo;
import dev.evse.api.types.EnergyTransferMode;
import dev.evse.api.types.EnforcedLimits;
import dev.evse.api.types.HardwareCapabilities;
import dev.evse.api.types.HlcSessionFailedEvent;
import dev.evse.api.types.Limits;
import dev.evse.api.types.Powermeter;
import dev.evse.api.types.SessionEvent;
import dev.evse.api.types.Telemetry;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Hands every var to each registered listener; a failing listener does not stop the others. */
final class ListenerFanout implements EvseManagerListener {
  private static final Logger LOG = LoggerFactory.getLogger(ListenerFanout.class);
  private final List<EvseManagerListener> listeners = new CopyOnWriteArrayList<>();

  void add(EvseManagerListener l) {
    listeners.add(l);
  }

  void remove(EvseManagerListener l) {
    listeners.remove(l);
  }

  private void each(Consumer<EvseManagerListener> call) {
    for (EvseManagerListener l : listeners) {
      try {
        call.accept(l);
      } catch (RuntimeException e) {
        LOG.warn("listener {} failed", l, e);
      }
    }
  }

  @Override public void onSessionEvent(SessionEvent e) { each(l -> l.onSessionEvent(e)); }
  @Override public void onHlcSessionFailed(HlcSessionFailedEvent e) { each(l -> l.onHlcSessionFailed(e)); }
  @Override public void onLimits(Limits v) { each(l -> l.onLimits(v)); }
  @Override public void onEvInfo(EVInfo v) { each(l -> l.onEvInfo(v)); }
  @Override public void onCarManufacturer(CarManufacturer v) { each(l -> l.onCarManufacturer(v)); }
  @Override public void onTelemetry(Telemetry v) { each(l -> l.onTelemetry(v)); }
  @Override public void onPowermeter(Powermeter v) { each(l -> l.onPowermeter(v)); }
  @Override public void onPowermeterPublicKeyOcmf(String v) { each(l -> l.onPowermeterPublicKeyOcmf(v)); }
  @Override public void onEvseId(String v) { each(l -> l.onEvseId(v)); }
  @Override public void onHwCapabilities(HardwareCapabilities v) { each(l -> l.onHwCapabilities(v)); }
  @Override public void onEnforcedLimits(EnforcedLimits v) { each(l -> l.onEnforcedLimits(v)); }
  @Override public void onWaitingForExternalReady(boolean v) { each(l -> l.onWaitingForExternalReady(v)); }
  @Override public void onReady(boolean v) { each(l -> l.onReady(v)); }
  @Override public void onSelectedProtocol(String v) { each(l -> l.onSelectedProtocol(v)); }
  @Override public void onSupportedEnergyTransferModes(List<EnergyTransferMode> v) { each(l -> l.onSupportedEnergyTransferModes(v)); }
  @Override public void onErrorRaised(RaisedError v) { each(l -> l.onErrorRaised(v)); }
  @Override public void onErrorCleared(RaisedError v) { each(l -> l.onErrorCleared(v)); }
}
