/** Plumbing shared by the API modules; not an API of its own. */
package dev.evse.mqtt.internal;
