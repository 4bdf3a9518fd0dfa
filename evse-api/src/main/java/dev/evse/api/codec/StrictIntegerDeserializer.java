package dev.evse.api.codec;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import java.io.IOException;

/**
 * JSON schema {@code integer}: a whole number that fits 32 bits. Accepts {@code 3} and {@code 3.0}
 * (JSON schema counts a number with zero fraction as integer), rejects {@code 3.5}, strings,
 * booleans and, for {@code int}, {@code null}.
 */
final class StrictIntegerDeserializer extends StdScalarDeserializer<Integer> {
  private static final long serialVersionUID = 1L;

  private final boolean primitive;

  StrictIntegerDeserializer(boolean primitive) {
    super(primitive ? Integer.TYPE : Integer.class);
    this.primitive = primitive;
  }

  @Override
  public Integer deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
    JsonToken t = p.currentToken();
    if (t == JsonToken.VALUE_NUMBER_INT) {
      if (p.getNumberType() == JsonParser.NumberType.INT) {
        return p.getIntValue();
      }
      return (Integer)
          ctxt.reportInputMismatch(this, "integer %s is out of the 32-bit range", p.getText());
    }
    if (t == JsonToken.VALUE_NUMBER_FLOAT) {
      double d = p.getDoubleValue();
      if (d == Math.rint(d) && d >= Integer.MIN_VALUE && d <= Integer.MAX_VALUE) {
        return (int) d;
      }
      return (Integer) ctxt.reportInputMismatch(this, "expected integer, got number %s", p.getText());
    }
    return (Integer) ctxt.handleUnexpectedToken(handledType(), p);
  }

  @Override
  public Integer getNullValue(DeserializationContext ctxt) throws JsonMappingException {
    if (primitive) {
      return (Integer) ctxt.reportInputMismatch(this, "expected integer, got null");
    }
    return null;
  }
}
