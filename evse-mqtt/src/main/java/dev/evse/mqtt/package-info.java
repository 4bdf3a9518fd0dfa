/**
 * EVerest's public MQTT API ({@code everest_api/1/...}) for this project's EVSE managers.
 *
 * <ul>
 *   <li>Transport: {@link dev.evse.mqtt.MqttConnection} ({@link dev.evse.mqtt.HiveMqConnection},
 *       MQTT 3.1.1, QoS 0, reconnect with back-off, re-subscribe, reconnect hooks) and
 *       {@link dev.evse.mqtt.EmbeddedBroker} (Moquette on 127.0.0.1).
 *   <li>Wiring: {@link dev.evse.mqtt.EvseBinding} names an EVSE's API subtrees;
 *       {@link dev.evse.mqtt.EvseBridge} wires one EVSE manager to its MQTT drivers and serves
 *       its consumer API; {@link dev.evse.mqtt.MqttEvseBridges} puts many on one connection.
 *   <li>{@code consumer}: the served {@code evse_manager_consumer} API; {@code driver}: the
 *       consumed {@code evse_board_support} and {@code powermeter} APIs as kernel ports;
 *       {@code limits}: {@code external_energy_limits_consumer}; {@code driverside}: local hardware
 *       exposed as an API driver (the simulator as a separate process).
 * </ul>
 *
 * See {@code docs/api.md} for the topics and the differences from EVerest.
 */
package dev.evse.mqtt;
