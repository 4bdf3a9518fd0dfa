package dev.evse.mqtt;

/**
 * Receives the messages of one subscription. Called on the MQTT client's thread: must not block
 * and should do little work (decode, then post).
 */
@FunctionalInterface
public interface MqttMessageHandler {

  /**
   * @param topic the topic the message was published to (with any external prefix)
   * @param payload the raw payload (may be empty)
   */
  void onMessage(String topic, byte[] payload);
}
