package dev.evse.core.port;

import dev.evse.api.errors.RaisedError;

/** Errors raised and cleared by the hardware behind the ports. Thread-safe. */
public interface ErrorListener {

  void onErrorRaised(ErrorSource source, RaisedError error);

  /** Clears the active error of this source with the same type and sub-type. */
  void onErrorCleared(ErrorSource source, String type, String subType);
}
