/**
 * The driver side of the hardware APIs: a local {@code BoardSupport} and {@code PowerMeter}
 * (e.g. the simulator) served over MQTT for an EVSE manager in another process ({@link
 * dev.evse.mqtt.driverside.DriverBridge}).
 */
package dev.evse.mqtt.driverside;
