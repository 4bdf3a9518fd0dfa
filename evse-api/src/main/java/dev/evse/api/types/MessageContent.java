package dev.evse.api.types;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Optional;

/** A text to display, with optional format and language. */
@EverestType(file = "text_message", name = "MessageContent")
public record MessageContent(
    @JsonProperty("format") Optional<MessageFormat> format,
    @JsonProperty("language") Optional<String> language,
    @JsonProperty(value = "content", required = true) String content) {

  /** Normalizes absent optionals to empty and checks required fields and schema ranges. */
  public MessageContent {
    format = WireChecks.optional(format);
    language = WireChecks.optional(language);
    WireChecks.require("content", content);
  }

  /** A text without format or language. */
  public static MessageContent of(String content) {
    return new MessageContent(
        Optional.empty(),
        Optional.empty(),
        content);
  }
}
