package dev.evse.site.auth;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.evse.api.types.AuthorizationStatus;
import dev.evse.api.types.IdTokenType;
import dev.evse.api.types.WireChecks;
import java.util.List;
import java.util.Optional;

/**
 * One entry of the local allow-list ({@link AuthConfig#localTokens}): the token value (compared
 * ignoring case), optionally its {@code IdTokenType} (any type when absent), the status to answer
 * (default {@code Accepted}), its group ({@code parent_id_token}), an expiry time after which it
 * answers {@code Expired}, and the EVSEs it is valid for ({@code evse_ids}, all when absent).
 */
public record LocalToken(
    @JsonProperty(value = "id_token", required = true) String idToken,
    @JsonProperty("type") Optional<IdTokenType> type,
    @JsonProperty("authorization_status") Optional<AuthorizationStatus> authorizationStatus,
    @JsonProperty("parent_id_token") Optional<String> parentIdToken,
    @JsonProperty("expiry_time") Optional<String> expiryTime,
    @JsonProperty("evse_ids") Optional<List<Integer>> evseIds) {

  /** Normalizes absent optionals to empty and checks the fields. */
  public LocalToken {
    idToken = WireChecks.text("id_token", idToken, 0, 36);
    type = WireChecks.optional(type);
    authorizationStatus = WireChecks.optional(authorizationStatus);
    parentIdToken = WireChecks.text("parent_id_token", parentIdToken, 0, 36);
    expiryTime = WireChecks.timestamp("expiry_time", expiryTime);
    evseIds = WireChecks.optionalList("evse_ids", evseIds);
    WireChecks.eachInRange("evse_ids", evseIds, 1, null);
  }

  /** An accepted token of any type, without group, expiry or EVSE restriction. */
  public static LocalToken accepted(String idToken) {
    return new LocalToken(idToken, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty());
  }

  /** This entry with a status. */
  public LocalToken withStatus(AuthorizationStatus status) {
    return new LocalToken(idToken, type, Optional.of(status), parentIdToken, expiryTime, evseIds);
  }

  /** This entry in a group. */
  public LocalToken withParent(String parent) {
    return new LocalToken(idToken, type, authorizationStatus, Optional.of(parent), expiryTime, evseIds);
  }

  /** This entry valid until {@code rfc3339}. */
  public LocalToken withExpiry(String rfc3339) {
    return new LocalToken(idToken, type, authorizationStatus, parentIdToken, Optional.of(rfc3339), evseIds);
  }

  /** This entry valid only at these EVSEs. */
  public LocalToken withEvseIds(List<Integer> ids) {
    return new LocalToken(idToken, type, authorizationStatus, parentIdToken, expiryTime, Optional.of(ids));
  }
}
