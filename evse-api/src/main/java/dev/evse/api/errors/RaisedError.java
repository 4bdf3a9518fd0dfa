package dev.evse.api.errors;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.evse.api.types.WireChecks;
import java.util.Optional;

/**
 * An error object as EVerest's error framework carries it: {@code type} is {@code namespace/Name}
 * (see {@link ErrorTypes}), {@code sub_type} refines it ({@code ""} when none). Errors are identified
 * by type plus sub-type. On the wire the fields are {@code type}, {@code sub_type}, {@code
 * description}, {@code message}, {@code origin} ({@code module_id}, {@code implementation_id},
 * optional {@code mapping}), {@code vendor_id}, {@code severity} ({@code Low|Medium|High}), {@code
 * timestamp} (RFC 3339), {@code uuid} and {@code state} ({@code Active|ClearedByModule|ClearedByReboot}).
 *
 * <p>Decoding requires only {@code type}: absent {@code sub_type}, {@code message} and {@code
 * description} become {@code ""}, an absent {@code vendor_id} becomes {@value #DEFAULT_VENDOR_ID},
 * an absent {@code severity} becomes {@code High} (the API's default); the four framework
 * bookkeeping fields (origin, timestamp, uuid, state) stay empty when absent and are then omitted.
 */
public record RaisedError(
    @JsonProperty(value = "type", required = true) String type,
    @JsonProperty("sub_type") String subType,
    @JsonProperty("description") String description,
    @JsonProperty("message") String message,
    @JsonProperty("origin") Optional<ErrorOrigin> origin,
    @JsonProperty("vendor_id") String vendorId,
    @JsonProperty("severity") Severity severity,
    @JsonProperty("timestamp") Optional<String> timestamp,
    @JsonProperty("uuid") Optional<String> uuid,
    @JsonProperty("state") Optional<ErrorState> state) {

  /** The vendor id EVerest's framework uses when none is given. */
  public static final String DEFAULT_VENDOR_ID = "everest";

  /** Checks the type and fills the defaults described above. */
  public RaisedError {
    WireChecks.require("type", type);
    subType = subType == null ? "" : subType;
    description = description == null ? "" : description;
    message = message == null ? "" : message;
    origin = WireChecks.optional(origin);
    vendorId = vendorId == null ? DEFAULT_VENDOR_ID : vendorId;
    severity = severity == null ? Severity.High : severity;
    timestamp = WireChecks.timestamp("timestamp", timestamp);
    uuid = WireChecks.optional(uuid);
    state = WireChecks.optional(state);
  }

  /**
   * A new error with empty description, vendor {@value #DEFAULT_VENDOR_ID} and no framework
   * bookkeeping (origin, timestamp, uuid, state).
   */
  public static RaisedError of(String type, String subType, String message, Severity severity) {
    return new RaisedError(
        type,
        subType,
        "",
        message,
        Optional.empty(),
        DEFAULT_VENDOR_ID,
        severity,
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }

  /** Whether this error has the given identity (type and sub-type; a null sub-type means ""). */
  public boolean matches(String type, String subType) {
    return this.type.equals(type) && this.subType.equals(subType == null ? "" : subType);
  }

  /** The namespace part of {@link #type()}, e.g. {@code evse_manager}. */
  public String namespace() {
    return ErrorTypes.namespace(type);
  }
}
