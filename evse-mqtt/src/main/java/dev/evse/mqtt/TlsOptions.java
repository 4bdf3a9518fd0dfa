package dev.evse.mqtt;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * TLS settings for an {@code ssl://} broker URL. Without a trust store the JVM's default trust
 * anchors are used; a key store adds a client certificate (mutual TLS).
 *
 * @param trustStore key store file with the trusted CA certificates (PKCS12 or JKS)
 * @param trustStorePassword its password (empty for none)
 * @param keyStore key store with the client key and certificate
 * @param keyStorePassword its password, also used for the key
 * @param storeType {@code PKCS12} (default) or {@code JKS}
 * @param verifyHostname whether the broker's certificate must match the host name
 * @param protocols TLS protocol versions to allow (empty = the client's defaults)
 */
public record TlsOptions(
    Optional<Path> trustStore,
    String trustStorePassword,
    Optional<Path> keyStore,
    String keyStorePassword,
    String storeType,
    boolean verifyHostname,
    List<String> protocols) {

  public TlsOptions {
    trustStore = trustStore == null ? Optional.empty() : trustStore;
    trustStorePassword = trustStorePassword == null ? "" : trustStorePassword;
    keyStore = keyStore == null ? Optional.empty() : keyStore;
    keyStorePassword = keyStorePassword == null ? "" : keyStorePassword;
    storeType = storeType == null || storeType.isBlank() ? "PKCS12" : storeType;
    protocols = protocols == null ? List.of() : List.copyOf(protocols);
  }

  /** The JVM's trust anchors, host name verification on, no client certificate. */
  public static TlsOptions defaults() {
    return new TlsOptions(Optional.empty(), "", Optional.empty(), "", "PKCS12", true, List.of());
  }

  /** Trusts the CA certificates in {@code trustStore}. */
  public TlsOptions withTrustStore(Path file, String password) {
    return new TlsOptions(Optional.of(file), password, keyStore, keyStorePassword, storeType, verifyHostname, protocols);
  }

  /** Presents the client certificate in {@code keyStore}. */
  public TlsOptions withKeyStore(Path file, String password) {
    return new TlsOptions(trustStore, trustStorePassword, Optional.of(file), password, storeType, verifyHostname, protocols);
  }

  public TlsOptions withStoreType(String type) {
    return new TlsOptions(trustStore, trustStorePassword, keyStore, keyStorePassword, type, verifyHostname, protocols);
  }

  public TlsOptions withVerifyHostname(boolean verify) {
    return new TlsOptions(trustStore, trustStorePassword, keyStore, keyStorePassword, storeType, verify, protocols);
  }

  public TlsOptions withProtocols(List<String> versions) {
    return new TlsOptions(trustStore, trustStorePassword, keyStore, keyStorePassword, storeType, verifyHostname, versions);
  }
}
