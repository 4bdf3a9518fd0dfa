package dev.evse.core.port;

import dev.evse.api.types.Powermeter;

/** What a power meter publishes (vars of {@code powermeter}). Thread-safe. */
public interface PowerMeterListener {

  /** {@code powermeter}: one reading. */
  void onPowermeter(Powermeter reading);

  /** {@code public_key_ocmf}. */
  void onPublicKeyOcmf(String publicKey);
}
