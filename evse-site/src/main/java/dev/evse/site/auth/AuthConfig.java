package dev.evse.site.auth;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.evse.api.types.SelectionAlgorithm;
import java.util.ArrayList;
import java.util.List;

/**
 * Options of Auth, with the names and defaults of EVerest's Auth manifest. {@code
 * connection_timeout} has no default and must be set. {@code local_tokens} is this project's
 * addition: the allow-list answered by a built-in {@link LocalTokenList}, asked before any
 * validator added with {@link Auth#addValidator}.
 */
public final class AuthConfig {
  /** {@code FindFirst} or {@code PlugEvents}; {@code UserInput} is not implemented (error). */
  @JsonProperty("selection_algorithm") public String selectionAlgorithm = "FindFirst";

  /**
   * Seconds: how long a token waits for a plug-in (PlugEvents), how long a placed authorization
   * waits for the transaction, how long a plugged-in EV waits for a token (with {@code
   * plug_in_timeout_enabled}). Mandatory.
   */
  @JsonProperty("connection_timeout") public Integer connectionTimeout;

  /** Tokens whose validated parent id equals this (ignoring case) may only stop; "" = off. */
  @JsonProperty("master_pass_group_id") public String masterPassGroupId = "";

  /** A token whose group has a running transaction first authorizes a free EVSE (true) or first stops (false). */
  @JsonProperty("prioritize_authorization_over_stopping_transaction")
  public boolean prioritizeAuthorizationOverStoppingTransaction = true;

  /** Ignore {@code evse_manager/Inoperative}: a faulty EVSE stays authorizable. */
  @JsonProperty("ignore_connector_faults") public boolean ignoreConnectorFaults = false;

  /** With two or more EVSEs: a plug-in not followed by a token within {@code connection_timeout} is spent until unplug. */
  @JsonProperty("plug_in_timeout_enabled") public boolean plugInTimeoutEnabled = false;

  /** This project's local allow-list (empty = no local validator). */
  @JsonProperty("local_tokens") public List<LocalToken> localTokens = new ArrayList<>();

  /** A config with the manifest defaults and the given mandatory {@code connection_timeout}. */
  public static AuthConfig withConnectionTimeout(int seconds) {
    AuthConfig c = new AuthConfig();
    c.connectionTimeout = seconds;
    return c;
  }

  /** The selection algorithm; only valid when {@link #problems()} is empty. */
  public SelectionAlgorithm selection() {
    return SelectionAlgorithm.valueOf(selectionAlgorithm);
  }

  /** Every option problem found, one message each; empty when the config is usable. */
  public List<String> problems() {
    List<String> p = new ArrayList<>();
    if (!"FindFirst".equals(selectionAlgorithm) && !"PlugEvents".equals(selectionAlgorithm)) {
      p.add("selection_algorithm: " + selectionAlgorithm
          + " is not supported (FindFirst or PlugEvents; UserInput is not implemented)");
    }
    if (connectionTimeout == null) {
      p.add("connection_timeout: mandatory option missing");
    } else if (connectionTimeout <= 0) {
      p.add("connection_timeout: " + connectionTimeout + " must be positive");
    }
    if (masterPassGroupId == null) {
      p.add("master_pass_group_id: must not be null (use \"\" to switch it off)");
    } else if (masterPassGroupId.length() > 36) {
      p.add("master_pass_group_id: longer than 36 characters");
    }
    if (localTokens == null) {
      p.add("local_tokens: must not be null");
    }
    return p;
  }

  /** Throws {@link IllegalArgumentException} listing every problem, or returns this config. */
  public AuthConfig validated() {
    List<String> p = problems();
    if (!p.isEmpty()) {
      throw new IllegalArgumentException("invalid Auth config: " + String.join("; ", p));
    }
    return this;
  }
}
