package dev.evse.mqtt.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * An m2e (or e2m) request as EVerest's API carries it: {@code {"headers":{"replyTo":T},"payload":P}}.
 * A missing {@code headers} or {@code replyTo} means "no reply wanted"; a missing (or null)
 * {@code payload} means "no arguments"; anything else in the body is ignored.
 *
 * @param replyTo the reply topic as written by the sender ({@code ""} = none)
 * @param payload the arguments, empty when absent
 */
public record Request(String replyTo, Optional<JsonNode> payload) {

  /**
   * Parses a request body. A body that is not a JSON object, or whose {@code replyTo} is not a
   * string, cannot be answered: {@link BadMessage}.
   */
  public static Request parse(String text) {
    JsonNode body = Payloads.parse(text);
    if (!body.isObject()) {
      throw new BadMessage("$: expected a request object {\"headers\":{\"replyTo\":...},\"payload\":...}, got "
          + Payloads.kind(body));
    }
    String replyTo = "";
    JsonNode headers = body.get("headers");
    if (headers != null && !headers.isNull()) {
      if (!headers.isObject()) {
        throw new BadMessage("headers: expected object, got " + Payloads.kind(headers));
      }
      JsonNode r = headers.get("replyTo");
      if (r != null && !r.isNull()) {
        if (!r.isTextual()) {
          throw new BadMessage("headers.replyTo: expected string, got " + Payloads.kind(r));
        }
        replyTo = r.textValue();
      }
    }
    JsonNode payload = body.get("payload");
    return new Request(replyTo, payload == null || payload.isNull() ? Optional.empty() : Optional.of(payload));
  }

  public boolean wantsReply() {
    return !replyTo.isEmpty();
  }

  /** The payload, or {@link BadMessage} "payload: required field missing". */
  public JsonNode requirePayload() {
    return payload.orElseThrow(() -> new BadMessage("payload: required field missing"));
  }

  /** For commands without arguments: an absent, null or empty-object payload; anything else is refused. */
  public void requireNoPayload(String command) {
    if (payload.isPresent() && !(payload.get().isObject() && payload.get().isEmpty())) {
      throw new BadMessage("payload: " + command + " takes no payload, got " + Payloads.kind(payload.get()));
    }
  }
}
