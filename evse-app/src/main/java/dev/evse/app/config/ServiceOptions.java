package dev.evse.app.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Settings of the services {@code evse run} starts around the EVSEs. */
public final class ServiceOptions {
  private ServiceOptions() {}

  /** Section {@code store:} — the SQLite database of sessions and transactions. */
  public static final class Store {
    /** Database file; empty = the user's data directory ({@code ~/.local/share/evse/evse.db}). */
    @JsonProperty("db") public String db = "";
  }

  /** Section {@code mqtt:} — EVerest's API over MQTT. */
  public static final class Mqtt {
    @JsonProperty("enabled") public boolean enabled = true;
    /** External broker, e.g. {@code tcp://10.0.0.5:1883} or {@code ssl://...}; empty = embedded broker. */
    @JsonProperty("url") public String url = "";
    /** Address and port of the embedded broker. */
    @JsonProperty("host") public String host = "127.0.0.1";
    @JsonProperty("port") public int port = 1883;
    @JsonProperty("username") public String username = "";
    @JsonProperty("password") public String password = "";
    /** Put before {@code everest_api/...} in every topic. */
    @JsonProperty("topic_prefix") public String topicPrefix = "";
  }

  /** Section {@code dashboard:} — the web dashboard. */
  public static final class Dashboard {
    @JsonProperty("enabled") public boolean enabled = true;
    /** Loopback by default; any other address needs a password. */
    @JsonProperty("bind") public String bind = "127.0.0.1";
    @JsonProperty("port") public int port = 8080;
    @JsonProperty("password") public String password = "";
  }
}
