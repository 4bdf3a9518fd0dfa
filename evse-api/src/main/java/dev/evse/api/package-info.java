/**
 * The EVSE manager's contract, mirroring EVerest's {@code evse_manager} interface: the commands
 * ({@link dev.evse.api.EvseManagerCommands}), the published vars ({@link
 * dev.evse.api.EvseManagerListener}, {@link dev.evse.api.EvseManagerVar}), the wire types ({@code
 * dev.evse.api.types}), the error names ({@code dev.evse.api.errors}) and the JSON codec ({@code
 * dev.evse.api.codec}).
 */
package dev.evse.api;
