/** The served {@code evse_manager_consumer} API: requests, vars, the derived {@code session_info}. */
package dev.evse.mqtt.consumer;
