package dev.evse.api.types;

/** Hash algorithm of a {@link CertificateHashDataInfo}. */
@EverestType(file = "iso15118", name = "CertificateHashDataInfo", property = "hashAlgorithm")
public enum HashAlgorithm {
  SHA256,
  SHA384,
  SHA512
}
