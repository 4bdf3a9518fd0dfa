/**
 * EVerest's wire types as records and enums, named after the EVerest types (see {@link
 * dev.evse.api.types.EverestType} on each). Renamed where two type files share a name: the
 * {@code units_signed} twins are {@code SignedCurrent} etc., {@code power_supply_DC} {@code
 * Capabilities}/{@code Mode} are {@code DcSupplyCapabilities}/{@code DcSupplyMode}, {@code slac}
 * {@code State} is {@code SlacState}.
 *
 * <p>Enum constants are spelled exactly as their wire values ({@code name()} is the wire string).
 * Record components carry their exact wire name in {@code @JsonProperty}; required fields are plain
 * types, optional ones {@code Optional<T>} (never null). The compact constructors enforce the
 * schema (required fields, ranges, lengths, patterns, RFC 3339 timestamps, array sizes) and throw
 * {@link dev.evse.api.types.InvalidFieldException} naming the wire field.
 */
package dev.evse.api.types;
