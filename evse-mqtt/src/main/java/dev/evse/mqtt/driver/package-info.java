/**
 * The consumed driver APIs as kernel ports: {@code evse_board_support} ({@link
 * dev.evse.mqtt.driver.MqttBoardSupport}) and {@code powermeter} ({@link
 * dev.evse.mqtt.driver.MqttPowerMeter}).
 */
package dev.evse.mqtt.driver;
