package dev.evse.api.types;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Optional;

/**
 * Plug and Charge settings for the ISO 15118 stack; an absent field leaves that setting unchanged.
 */
@EverestType(file = "evse_manager", name = "PlugAndChargeConfiguration")
public record PlugAndChargeConfiguration(
    @JsonProperty("pnc_enabled") Optional<Boolean> pncEnabled,
    @JsonProperty("central_contract_validation_allowed") Optional<Boolean> centralContractValidationAllowed,
    @JsonProperty("contract_certificate_installation_enabled") Optional<Boolean> contractCertificateInstallationEnabled) {

  /** Normalizes absent optionals to empty and checks required fields and schema ranges. */
  public PlugAndChargeConfiguration {
    pncEnabled = WireChecks.optional(pncEnabled);
    centralContractValidationAllowed = WireChecks.optional(centralContractValidationAllowed);
    contractCertificateInstallationEnabled = WireChecks.optional(contractCertificateInstallationEnabled);
  }
}
