package dev.evse.bench;

import dev.evse.api.EvseManagerListener;
import dev.evse.api.codec.WireCodec;
import dev.evse.api.types.SessionEvent;
import dev.evse.api.types.SessionEventEnum;
import dev.evse.core.EvseManager;
import dev.evse.core.runtime.VirtualTimeLoopGroup;
import dev.evse.sim.SimulatedHardware;
import dev.evse.sim.SimulationConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JSON encoding and decoding of {@code session_event} payloads with {@link WireCodec}. The events
 * are real ones: a session on the simulated hardware (OCMF-signing meter) is run in virtual time
 * at setup and its events are kept, so the payloads have the shape and size they have on the wire
 * (TransactionFinished carries two signed meter values).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@State(Scope.Thread)
public class WireCodecBenchmark {

  @Param({"AuthRequired", "SessionStarted", "TransactionStarted", "ChargingStarted", "TransactionFinished"})
  public String event;

  SessionEvent value;
  String json;

  @Setup(Level.Trial)
  public void setUp() {
    List<SessionEvent> events = recordSession();
    SessionEventEnum kind = SessionEventEnum.valueOf(event);
    value = events.stream().filter(e -> e.event() == kind).findFirst()
        .orElseThrow(() -> new IllegalStateException("the session had no " + kind + " event: " + events));
    json = WireCodec.encode(value);
    if (!WireCodec.decode(json, SessionEvent.class).equals(value)) {
      throw new IllegalStateException("codec round trip changed " + json);
    }
  }

  @Benchmark
  public String encode() {
    return WireCodec.encode(value);
  }

  @Benchmark
  public SessionEvent decode() {
    return WireCodec.decode(json, SessionEvent.class);
  }

  /** One SIL-default session (plug-in, authorisation, 30 s of charging, unplug) on simulated hardware. */
  static List<SessionEvent> recordSession() {
    try (VirtualTimeLoopGroup group = new VirtualTimeLoopGroup()) {
      var loop = group.newLoop("codec");
      SimulatedHardware hw = new SimulatedHardware(loop, SimulationConfig.builder().ocmfKeySeed(7).build());
      EvseManager evse = EvseManager.builder(loop, hw.board())
          .connectorLock(hw.lock())
          .powerMeter(hw.meter())
          .random(new SplittableRandom(7))
          .build();
      hw.connect(evse, evse, evse);
      List<SessionEvent> events = new ArrayList<>();
      evse.addListener(new EvseManagerListener() {
        @Override
        public void onSessionEvent(SessionEvent e) {
          events.add(e);
          if (e.event() == SessionEventEnum.AuthRequired) {
            evse.authorizeResponse(Tokens.CARD, Tokens.ACCEPTED);
          }
        }
      });
      hw.start();
      evse.start();
      evse.setMaxCurrent(32.0, Tokens.LONG_VALIDITY_MS);
      group.advanceBy(2_000);
      hw.car().execute(SimulationConfig.SIL_DEFAULT_SCRIPT);
      group.advanceBy(60_000);
      return events;
    }
  }
}
