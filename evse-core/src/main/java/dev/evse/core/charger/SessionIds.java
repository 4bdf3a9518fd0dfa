package dev.evse.core.charger;

import java.util.Base64;
import java.util.random.RandomGenerator;

/**
 * Makes session ids from an injected random source, so a seeded source gives the same ids on
 * every run (virtual-time runs are reproducible byte for byte).
 */
public final class SessionIds {
  private final SessionIdType type;
  private final RandomGenerator random;

  public SessionIds(SessionIdType type, RandomGenerator random) {
    this.type = type;
    this.random = random;
  }

  public String next() {
    return switch (type) {
      case UUID -> uuid();
      case UUID_BASE64 -> Base64.getEncoder().withoutPadding().encodeToString(uuidBytes());
      case SHORT_BASE64 -> {
        byte[] b = new byte[12];
        random.nextBytes(b);
        yield Base64.getEncoder().withoutPadding().encodeToString(b);
      }
    };
  }

  private byte[] uuidBytes() {
    byte[] b = new byte[16];
    random.nextBytes(b);
    b[6] = (byte) ((b[6] & 0x0f) | 0x40); // version 4
    b[8] = (byte) ((b[8] & 0x3f) | 0x80); // IETF variant
    return b;
  }

  private String uuid() {
    byte[] b = uuidBytes();
    long msb = 0;
    long lsb = 0;
    for (int i = 0; i < 8; i++) {
      msb = (msb << 8) | (b[i] & 0xff);
      lsb = (lsb << 8) | (b[i + 8] & 0xff);
    }
    return new java.util.UUID(msb, lsb).toString();
  }
}
