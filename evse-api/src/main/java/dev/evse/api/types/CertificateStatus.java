package dev.evse.api.types;

/** Outcome of validating a contract certificate (Plug and Charge). */
@EverestType(file = "authorization", name = "CertificateStatus")
public enum CertificateStatus {
  Accepted,
  SignatureError,
  CertificateExpired,
  CertificateRevoked,
  NoCertificateAvailable,
  CertChainError,
  ContractCancelled
}
