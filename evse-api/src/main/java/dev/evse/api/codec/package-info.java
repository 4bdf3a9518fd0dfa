/** JSON encoding and decoding of the wire types ({@link dev.evse.api.codec.WireCodec}) and RFC 3339 timestamps. */
package dev.evse.api.codec;
