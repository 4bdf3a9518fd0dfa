package dev.evse.sim;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.HexFormat;
import java.util.OptionalLong;

/**
 * Signs OCMF records with ECDSA on secp256r1 over SHA-256, using only the JDK. A record is
 * {@code OCMF|<payload JSON>|{"SA":"ECDSA-secp256r1-SHA256","SD":"<hex DER signature>"}}; the
 * signature covers the payload JSON's UTF-8 bytes. The public key is the hex of its X.509
 * (SubjectPublicKeyInfo) DER encoding, upper case.
 *
 * <p>With a seed, key generation and signing draw from a seeded SHA1PRNG, so the same seed gives
 * the same key and the same signatures (deterministic simulations); without one, a fresh random
 * key.
 */
public final class OcmfSigner {
  public static final String SIGNATURE_ALGORITHM = "ECDSA-secp256r1-SHA256";
  public static final String ENCODING = "OCMF";

  private static final HexFormat HEX = HexFormat.of().withUpperCase();

  private final KeyPair keys;
  private final SecureRandom random;

  public OcmfSigner(OptionalLong seed) {
    try {
      if (seed.isPresent()) {
        random = SecureRandom.getInstance("SHA1PRNG");
        random.setSeed(seed.getAsLong());
      } else {
        random = new SecureRandom();
      }
      KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
      gen.initialize(new ECGenParameterSpec("secp256r1"), random);
      keys = gen.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK lacks ECDSA secp256r1", e);
    }
  }

  /** The public key as upper-case hex of its DER (X.509 SubjectPublicKeyInfo) encoding. */
  public String publicKeyHex() {
    return HEX.formatHex(keys.getPublic().getEncoded());
  }

  /** Builds a complete OCMF record over {@code payloadJson}. */
  public synchronized String sign(String payloadJson) {
    try {
      Signature s = Signature.getInstance("SHA256withECDSA");
      s.initSign(keys.getPrivate(), random);
      s.update(payloadJson.getBytes(StandardCharsets.UTF_8));
      String sd = HEX.formatHex(s.sign());
      return ENCODING + "|" + payloadJson + "|{\"SA\":\"" + SIGNATURE_ALGORITHM + "\",\"SD\":\"" + sd + "\"}";
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("signing failed", e);
    }
  }

  /**
   * Checks an OCMF record made by {@link #sign} against a public key in hex DER. Returns false
   * for a malformed record or a wrong signature.
   */
  public static boolean verify(String ocmf, String publicKeyHex) {
    Parts p = split(ocmf);
    if (p == null) {
      return false;
    }
    try {
      String marker = "\"SD\":\"";
      int at = p.signature.indexOf(marker);
      if (at < 0 || !p.signature.contains("\"SA\":\"" + SIGNATURE_ALGORITHM + "\"")) {
        return false;
      }
      int end = p.signature.indexOf('"', at + marker.length());
      byte[] sig = HexFormat.of().parseHex(p.signature.substring(at + marker.length(), end));
      PublicKey key =
          KeyFactory.getInstance("EC")
              .generatePublic(new X509EncodedKeySpec(HexFormat.of().parseHex(publicKeyHex)));
      Signature s = Signature.getInstance("SHA256withECDSA");
      s.initVerify(key);
      s.update(p.payload.getBytes(StandardCharsets.UTF_8));
      return s.verify(sig);
    } catch (GeneralSecurityException | IllegalArgumentException | IndexOutOfBoundsException e) {
      return false;
    }
  }

  /** The payload JSON of an OCMF record (between the first and the last {@code |}). */
  public static String payloadOf(String ocmf) {
    Parts p = split(ocmf);
    if (p == null) {
      throw new IllegalArgumentException("not an OCMF record: " + ocmf);
    }
    return p.payload;
  }

  private record Parts(String payload, String signature) {}

  private static Parts split(String ocmf) {
    if (ocmf == null || !ocmf.startsWith(ENCODING + "|")) {
      return null;
    }
    int last = ocmf.lastIndexOf('|');
    if (last <= ENCODING.length()) {
      return null;
    }
    return new Parts(ocmf.substring(ENCODING.length() + 1, last), ocmf.substring(last + 1));
  }
}
