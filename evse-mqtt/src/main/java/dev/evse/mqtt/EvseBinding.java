package dev.evse.mqtt;

import java.util.Optional;

/**
 * How one EVSE manager appears on the broker: the module ids of its three API subtrees and the
 * external topic prefix.
 *
 * @param consumerModuleId module id of the served {@code evse_manager_consumer} API
 * @param boardModuleId module id of the consumed {@code evse_board_support} API (the driver)
 * @param meterModuleId module id of the consumed {@code powermeter} API; empty = no meter driver
 * @param topicPrefix EVerest's external prefix, prepended verbatim ({@code ""} by default)
 */
public record EvseBinding(
    String consumerModuleId, String boardModuleId, Optional<String> meterModuleId, String topicPrefix) {

  public EvseBinding {
    if (consumerModuleId == null || consumerModuleId.isBlank()) {
      throw new IllegalArgumentException("consumer module id is required");
    }
    if (boardModuleId == null || boardModuleId.isBlank()) {
      throw new IllegalArgumentException("board module id is required");
    }
    meterModuleId = meterModuleId == null ? Optional.empty() : meterModuleId.filter(s -> !s.isBlank());
    topicPrefix = topicPrefix == null ? "" : topicPrefix;
    // validates the ids as topic levels
    new ApiTopics(topicPrefix, "x", consumerModuleId);
    new ApiTopics(topicPrefix, "x", boardModuleId);
    meterModuleId.ifPresent(id -> new ApiTopics("", "x", id));
  }

  /** A binding with a meter and no prefix. */
  public static EvseBinding of(String consumerModuleId, String boardModuleId, String meterModuleId) {
    return new EvseBinding(consumerModuleId, boardModuleId, Optional.ofNullable(meterModuleId), "");
  }

  /**
   * The conventional binding of EVSE {@code n} (1-based): {@code evse_manager_<n>},
   * {@code bsp_<n>}, {@code powermeter_<n>}.
   */
  public static EvseBinding numbered(int n) {
    return of("evse_manager_" + n, "bsp_" + n, "powermeter_" + n);
  }

  public EvseBinding withPrefix(String prefix) {
    return new EvseBinding(consumerModuleId, boardModuleId, meterModuleId, prefix);
  }
}
