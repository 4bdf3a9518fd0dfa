package dev.evse.core.charger;

/** Format of session ids (config {@code session_id_type}). */
public enum SessionIdType {
  /** 36-character random UUID (version 4). */
  UUID,
  /** The 16 UUID bytes in base64 without padding: 22 characters. */
  UUID_BASE64,
  /** 12 random bytes in base64: 16 characters. */
  SHORT_BASE64
}
