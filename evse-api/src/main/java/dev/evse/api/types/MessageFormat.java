package dev.evse.api.types;

/** Encoding of a display text. */
@EverestType(file = "text_message", name = "MessageFormat")
public enum MessageFormat {
  ASCII,
  HTML,
  URI,
  UTF8,
  QRCODE
}
