/** The served {@code external_energy_limits_consumer} API. */
package dev.evse.mqtt.limits;
