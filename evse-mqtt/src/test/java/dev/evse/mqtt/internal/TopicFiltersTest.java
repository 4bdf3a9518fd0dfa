package dev.evse.mqtt.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TopicFiltersTest {
  @Test
  void matchesLikeMqtt311() {
    assertThat(TopicFilters.matches("a/b", "a/b")).isTrue();
    assertThat(TopicFilters.matches("a/+", "a/b")).isTrue();
    assertThat(TopicFilters.matches("a/+", "a/b/c")).isFalse();
    assertThat(TopicFilters.matches("a/+/c", "a/b/c")).isTrue();
    assertThat(TopicFilters.matches("a/#", "a")).isTrue();
    assertThat(TopicFilters.matches("a/#", "a/b/c")).isTrue();
    assertThat(TopicFilters.matches("#", "a/b")).isTrue();
    assertThat(TopicFilters.matches("#", "$SYS/x")).isFalse();
    assertThat(TopicFilters.matches("+/b", "/b")).isTrue();
    assertThat(TopicFilters.matches("a/+", "a/")).isTrue();
    assertThat(TopicFilters.matches("x/m2e/reply/+", "x/m2e/reply/1234")).isTrue();
  }

  @Test
  void validatesNamesAndFilters() {
    assertThat(TopicFilters.isValidTopicName("test/reply/1")).isTrue();
    assertThat(TopicFilters.isValidTopicName("")).isFalse();
    assertThat(TopicFilters.isValidTopicName("a/+")).isFalse();
    assertThat(TopicFilters.isValidTopicName("a/#")).isFalse();
    assertThat(TopicFilters.isValidFilter("a/#")).isTrue();
    assertThat(TopicFilters.isValidFilter("a/#/b")).isFalse();
    assertThat(TopicFilters.isValidFilter("a/b+")).isFalse();
  }
}
