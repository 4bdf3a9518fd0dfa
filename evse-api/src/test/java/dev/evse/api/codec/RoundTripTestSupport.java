package dev.evse.api.codec;

import com.fasterxml.jackson.core.type.TypeReference;

/** Decodes with either a Class or a TypeReference (as held by {@code WireExamples.Example}). */
public final class RoundTripTestSupport {
  private RoundTripTestSupport() {}

  /** Decodes {@code json} into {@code type}, a {@link Class} or a {@link TypeReference}. */
  @SuppressWarnings("unchecked")
  public static Object decode(String json, Object type) {
    if (type instanceof Class) {
      return WireCodec.decode(json, (Class<Object>) type);
    }
    return WireCodec.decode(json, (TypeReference<Object>) type);
  }
}
