package dev.evse.api.types;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Optional;

/**
 * A validator's answer for a token (argument {@code validation_result} of {@code
 * authorize_response}).
 */
@EverestType(file = "authorization", name = "ValidationResult")
public record ValidationResult(
    @JsonProperty(value = "authorization_status", required = true) AuthorizationStatus authorizationStatus,
    @JsonProperty("certificate_status") Optional<CertificateStatus> certificateStatus,
    @JsonProperty(value = "tariff_messages", required = true) List<MessageContent> tariffMessages,
    @JsonProperty("expiry_time") Optional<String> expiryTime,
    @JsonProperty("parent_id_token") Optional<IdToken> parentIdToken,
    @JsonProperty("evse_ids") Optional<List<Integer>> evseIds,
    @JsonProperty("reservation_id") Optional<Integer> reservationId,
    @JsonProperty("allowed_energy_transfer_modes") Optional<List<EnergyTransferMode>> allowedEnergyTransferModes) {

  /** Normalizes absent optionals to empty and checks required fields and schema ranges. */
  public ValidationResult {
    WireChecks.require("authorization_status", authorizationStatus);
    certificateStatus = WireChecks.optional(certificateStatus);
    tariffMessages = WireChecks.list("tariff_messages", tariffMessages);
    expiryTime = WireChecks.timestamp("expiry_time", expiryTime);
    parentIdToken = WireChecks.optional(parentIdToken);
    evseIds = WireChecks.optionalList("evse_ids", evseIds);
    WireChecks.eachInRange("evse_ids", evseIds, 1, null);
    reservationId = WireChecks.optional(reservationId);
    allowedEnergyTransferModes = WireChecks.optionalList("allowed_energy_transfer_modes", allowedEnergyTransferModes, 1, null);
  }

  /** A result with only a status and no tariff messages. */
  public static ValidationResult of(AuthorizationStatus authorizationStatus) {
    return new ValidationResult(
        authorizationStatus,
        Optional.empty(),
        List.of(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }
}
