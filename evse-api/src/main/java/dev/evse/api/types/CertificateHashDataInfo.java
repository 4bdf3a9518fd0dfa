package dev.evse.api.types;

import com.fasterxml.jackson.annotation.JsonProperty;

/** OCSP request data for one certificate of a contract certificate chain (camelCase wire names). */
@EverestType(file = "iso15118", name = "CertificateHashDataInfo")
public record CertificateHashDataInfo(
    @JsonProperty(value = "hashAlgorithm", required = true) HashAlgorithm hashAlgorithm,
    @JsonProperty(value = "issuerNameHash", required = true) String issuerNameHash,
    @JsonProperty(value = "issuerKeyHash", required = true) String issuerKeyHash,
    @JsonProperty(value = "serialNumber", required = true) String serialNumber,
    @JsonProperty(value = "responderURL", required = true) String responderUrl) {

  /** Checks required fields and schema ranges. */
  public CertificateHashDataInfo {
    WireChecks.require("hashAlgorithm", hashAlgorithm);
    issuerNameHash = WireChecks.text("issuerNameHash", issuerNameHash, 0, 128);
    issuerKeyHash = WireChecks.text("issuerKeyHash", issuerKeyHash, 0, 128);
    serialNumber = WireChecks.text("serialNumber", serialNumber, 0, 40);
    responderUrl = WireChecks.text("responderURL", responderUrl, 0, 512);
  }
}
