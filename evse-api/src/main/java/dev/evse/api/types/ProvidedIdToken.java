package dev.evse.api.types;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Optional;

/**
 * A token as offered by a provider (RFID reader, OCPP, Plug and Charge, ...) with how it was
 * obtained.
 */
@EverestType(file = "authorization", name = "ProvidedIdToken")
public record ProvidedIdToken(
    @JsonProperty("request_id") Optional<Integer> requestId,
    @JsonProperty(value = "id_token", required = true) IdToken idToken,
    @JsonProperty("parent_id_token") Optional<IdToken> parentIdToken,
    @JsonProperty(value = "authorization_type", required = true) AuthorizationType authorizationType,
    @JsonProperty("connectors") Optional<List<Integer>> connectors,
    @JsonProperty("prevalidated") Optional<Boolean> prevalidated,
    @JsonProperty("certificate") Optional<String> certificate,
    @JsonProperty("iso15118CertificateHashData") Optional<List<CertificateHashDataInfo>> iso15118CertificateHashData) {

  /** Normalizes absent optionals to empty and checks required fields and schema ranges. */
  public ProvidedIdToken {
    requestId = WireChecks.optional(requestId);
    WireChecks.require("id_token", idToken);
    parentIdToken = WireChecks.optional(parentIdToken);
    WireChecks.require("authorization_type", authorizationType);
    connectors = WireChecks.optionalList("connectors", connectors);
    WireChecks.eachInRange("connectors", connectors, 1, null);
    prevalidated = WireChecks.optional(prevalidated);
    certificate = WireChecks.text("certificate", certificate, 0, 5500);
    iso15118CertificateHashData = WireChecks.optionalList("iso15118CertificateHashData", iso15118CertificateHashData, 1, 4);
  }

  /** A provided token with only the required fields. */
  public static ProvidedIdToken of(IdToken idToken, AuthorizationType authorizationType) {
    return new ProvidedIdToken(
        Optional.empty(),
        idToken,
        Optional.empty(),
        authorizationType,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }

  /**
   * A provided token whose {@link IdTokenType} follows from the channel: RFID = ISO14443, OCPP = Central,
   * PlugAndCharge = eMAID, Autocharge = MacAddress, BankCard = Local.
   */
  public static ProvidedIdToken of(String idToken, AuthorizationType authorizationType) {
    WireChecks.require("authorization_type", authorizationType);
    IdTokenType type = switch (authorizationType) {
      case RFID -> IdTokenType.ISO14443;
      case OCPP -> IdTokenType.Central;
      case PlugAndCharge -> IdTokenType.eMAID;
      case Autocharge -> IdTokenType.MacAddress;
      case BankCard -> IdTokenType.Local;
    };
    return of(IdToken.of(idToken, type), authorizationType);
  }
}
