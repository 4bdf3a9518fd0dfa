package dev.evse.mqtt;

/**
 * Options of one API bridge module, with EVerest's defaults. The EVerest config keys are in
 * seconds or milliseconds as noted; here every duration is in milliseconds.
 *
 * @param heartbeatIntervalMs {@code cfg_heartbeat_interval_ms} (default 1000): period of
 *     {@code e2m/heartbeat}; 0 or less: no heartbeat
 * @param communicationCheckTimeoutMs {@code cfg_communication_check_to_s} × 1000 (default 5000):
 *     silence after which the driver counts as lost; 0 or less: no check and no initial error
 * @param requestReplyTimeoutMs {@code cfg_request_reply_to_s} × 1000 (default 550 000): how long an
 *     e2m request (powermeter start/stop, RCD reset) waits for its reply before the default answer
 * @param errorReplies this project's extension: a bad m2e request that carries a {@code replyTo}
 *     is answered with {@code {"error": "..."}} (EVerest drops it silently)
 * @param stopTransactionAsObject send powermeter {@code stop_transaction} as the spec's
 *     {@code {"transaction_id": ...}} instead of EVerest's bare string
 * @param republishOnReconnect re-publish the last value of every state var after a reconnect
 *     (EVerest publishes only on change, nothing is retained)
 */
public record ApiOptions(
    long heartbeatIntervalMs,
    long communicationCheckTimeoutMs,
    long requestReplyTimeoutMs,
    boolean errorReplies,
    boolean stopTransactionAsObject,
    boolean republishOnReconnect) {

  public static final long DEFAULT_HEARTBEAT_INTERVAL_MS = 1000;
  public static final long DEFAULT_COMMUNICATION_CHECK_TIMEOUT_MS = 5000;
  public static final long DEFAULT_REQUEST_REPLY_TIMEOUT_MS = 550_000;

  public ApiOptions {
    if (requestReplyTimeoutMs <= 0) {
      throw new IllegalArgumentException("request reply timeout must be positive: " + requestReplyTimeoutMs);
    }
  }

  /** EVerest's defaults, with error replies and re-publishing on reconnect. */
  public static ApiOptions defaults() {
    return new ApiOptions(DEFAULT_HEARTBEAT_INTERVAL_MS, DEFAULT_COMMUNICATION_CHECK_TIMEOUT_MS,
        DEFAULT_REQUEST_REPLY_TIMEOUT_MS, true, false, true);
  }

  public ApiOptions withHeartbeatIntervalMs(long ms) {
    return new ApiOptions(ms, communicationCheckTimeoutMs, requestReplyTimeoutMs, errorReplies,
        stopTransactionAsObject, republishOnReconnect);
  }

  public ApiOptions withCommunicationCheckTimeoutMs(long ms) {
    return new ApiOptions(heartbeatIntervalMs, ms, requestReplyTimeoutMs, errorReplies,
        stopTransactionAsObject, republishOnReconnect);
  }

  public ApiOptions withRequestReplyTimeoutMs(long ms) {
    return new ApiOptions(heartbeatIntervalMs, communicationCheckTimeoutMs, ms, errorReplies,
        stopTransactionAsObject, republishOnReconnect);
  }

  public ApiOptions withErrorReplies(boolean on) {
    return new ApiOptions(heartbeatIntervalMs, communicationCheckTimeoutMs, requestReplyTimeoutMs, on,
        stopTransactionAsObject, republishOnReconnect);
  }

  public ApiOptions withStopTransactionAsObject(boolean on) {
    return new ApiOptions(heartbeatIntervalMs, communicationCheckTimeoutMs, requestReplyTimeoutMs, errorReplies,
        on, republishOnReconnect);
  }

  public ApiOptions withRepublishOnReconnect(boolean on) {
    return new ApiOptions(heartbeatIntervalMs, communicationCheckTimeoutMs, requestReplyTimeoutMs, errorReplies,
        stopTransactionAsObject, on);
  }
}
