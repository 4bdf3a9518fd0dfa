package dev.evse.api.errors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evse.api.codec.WireCodec;
import org.junit.jupiter.api.Test;

class RaisedErrorTest {

  @Test
  void decodingFillsDefaultsAndEncodingWritesTheFrameworkShape() {
    RaisedError e = WireCodec.decode("{\"type\":\"evse_manager/MREC9AuthorizationTimeout\"}", RaisedError.class);
    assertThat(e.subType()).isEmpty();
    assertThat(e.message()).isEmpty();
    assertThat(e.description()).isEmpty();
    assertThat(e.vendorId()).isEqualTo(RaisedError.DEFAULT_VENDOR_ID);
    assertThat(e.severity()).isEqualTo(Severity.High);
    assertThat(e.origin()).isEmpty();
    assertThat(WireCodec.parse(WireCodec.encode(e)))
        .isEqualTo(WireCodec.parse("{\"type\":\"evse_manager/MREC9AuthorizationTimeout\",\"sub_type\":\"\","
            + "\"description\":\"\",\"message\":\"\",\"vendor_id\":\"everest\",\"severity\":\"High\"}"));
    assertThat(e.matches("evse_manager/MREC9AuthorizationTimeout", null)).isTrue();
    assertThat(e.matches("evse_manager/MREC9AuthorizationTimeout", "x")).isFalse();
    assertThat(e.namespace()).isEqualTo("evse_manager");
  }

  @Test
  void apiPayloadMapsIntoItsNamespace() {
    ApiError api = WireCodec.decode("{\"type\":\"MREC8EmergencyStop\",\"message\":\"E-stop pressed\"}", ApiError.class);
    RaisedError e = api.toRaisedError("evse_board_support");
    assertThat(e.type()).isEqualTo(ErrorTypes.BSP_MREC8_EMERGENCY_STOP);
    assertThat(e.subType()).isEmpty();
    assertThat(e.message()).isEqualTo("E-stop pressed");
    assertThat(e.severity()).isEqualTo(Severity.High);
    assertThat(WireCodec.encode(api)).isEqualTo("{\"type\":\"MREC8EmergencyStop\",\"message\":\"E-stop pressed\"}");

    ApiError ovm = WireCodec.decode("{\"type\":\"MREC5OverVoltage\",\"severity\":\"Medium\",\"sub_type\":\"a\"}", ApiError.class);
    assertThat(ovm.toRaisedError("over_voltage_monitor"))
        .isEqualTo(RaisedError.of(ErrorTypes.OVER_VOLTAGE_MONITOR_MREC5_OVER_VOLTAGE, "a", "", Severity.Medium));
  }
}
