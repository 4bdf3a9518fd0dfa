package dev.evse.sim;

import dev.evse.core.port.NoListeners;
import dev.evse.api.codec.Rfc3339;
import dev.evse.api.types.Current;
import dev.evse.api.types.Energy;
import dev.evse.api.types.Frequency;
import dev.evse.api.types.OCMFIdentificationFlags;
import dev.evse.api.types.OCMFUserIdentificationStatus;
import dev.evse.api.types.Power;
import dev.evse.api.types.Powermeter;
import dev.evse.api.types.SignedMeterValue;
import dev.evse.api.types.TransactionReq;
import dev.evse.api.types.TransactionRequestStatus;
import dev.evse.api.types.TransactionStartResponse;
import dev.evse.api.types.TransactionStopResponse;
import dev.evse.api.types.Voltage;
import dev.evse.core.port.PowerMeter;
import dev.evse.core.port.PowerMeterListener;
import dev.evse.core.runtime.Cancellable;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A simulated billing meter behind the board: it integrates the energy the car draws (current ×
 * nominal voltage × phases, exactly, piecewise over virtual time) and signs transactions as OCMF.
 *
 * <ul>
 *   <li>Publishes a {@link Powermeter} once at start and every second; the public key once at
 *       start.
 *   <li>{@code start_transaction}: OK, remembering the start reading. A second start with an id
 *       that is still open answers {@code UNEXPECTED_ERROR}.
 *   <li>{@code stop_transaction(id)}: OK with {@code signed_meter_value} (an OCMF record with the
 *       begin and end readings) and {@code start_signed_meter_value} (OCMF with the begin
 *       reading). Unknown id: {@code UNEXPECTED_ERROR}.
 *   <li>{@code stop_transaction("")}: closes every open transaction and answers OK with the
 *       records of the last one started; with nothing open it answers {@code NOT_SUPPORTED}
 *       ("no open transaction") — there is nothing to sign.
 *   <li>Faults for tests: {@link #failNextStart}, {@link #failNextStop}, and
 *       {@link #setAnswerDelayMillis} (answers complete later on the loop; the reading is taken
 *       when the request arrives).
 * </ul>
 */
public final class SimulatedPowerMeter implements PowerMeter {

  public static final long PUBLISH_PERIOD_MILLIS = 1000;

  private static final DateTimeFormatter OCMF_TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss,SSSxx", Locale.ROOT).withZone(ZoneOffset.UTC);

  private record Open(TransactionReq request, double startWh, Instant startTime, int pagination) {}

  private final SimContext ctx;
  private final SimulatedBoard board;
  private final OcmfSigner signer;
  private volatile PowerMeterListener listener = NoListeners.METER;

  private double energyWh;
  private double lastPowerW;
  private long lastIntegrationMillis;
  private final Map<String, Open> open = new LinkedHashMap<>();
  private int pagination;
  private TransactionRequestStatus nextStartFailure;
  private TransactionRequestStatus nextStopFailure;
  private long answerDelayMillis;
  private Cancellable publishTimer = Cancellable.NONE;

  SimulatedPowerMeter(SimContext ctx, SimulatedBoard board) {
    this.ctx = ctx;
    this.board = board;
    this.signer = new OcmfSigner(ctx.config.ocmfKeySeed());
    this.lastIntegrationMillis = ctx.now();
    board.addElectricalHook(this::integrate);
    if (ctx.config.resetEnergyOnPlugin()) {
      board.addPlugInHook(
          () -> {
            integrate();
            energyWh = 0;
          });
    }
  }

  void setListener(PowerMeterListener listener) {
    this.listener = listener == null ? NoListeners.METER : listener;
  }

  void start() {
    synchronized (ctx.lock) {
      integrate();
      String key = signer.publicKeyHex();
      ctx.emit(() -> listener.onPublicKeyOcmf(key));
      publish();
      publishTimer.cancel();
      publishTimer = ctx.loop.every(PUBLISH_PERIOD_MILLIS, this::publish);
    }
  }

  void stop() {
    synchronized (ctx.lock) {
      publishTimer.cancel();
      publishTimer = Cancellable.NONE;
    }
  }

  // ---------------------------------------------------------------- PowerMeter

  @Override
  public CompletionStage<TransactionStartResponse> startTransaction(TransactionReq request) {
    ctx.record("meter", "start_transaction", request.transactionId());
    TransactionStartResponse answer;
    synchronized (ctx.lock) {
      integrate();
      if (nextStartFailure != null) {
        TransactionRequestStatus s = nextStartFailure;
        nextStartFailure = null;
        answer = startAnswer(s, "injected failure");
      } else if (open.containsKey(request.transactionId())) {
        answer =
            startAnswer(
                TransactionRequestStatus.UNEXPECTED_ERROR,
                "transaction " + request.transactionId() + " is already open");
      } else {
        open.put(
            request.transactionId(),
            new Open(request, energyWh, ctx.loop.clock().wallTime(), ++pagination));
        answer = startAnswer(TransactionRequestStatus.OK, null);
      }
    }
    return deliver(answer);
  }

  @Override
  public CompletionStage<TransactionStopResponse> stopTransaction(String transactionId) {
    String id = transactionId == null ? "" : transactionId;
    ctx.record("meter", "stop_transaction", id);
    TransactionStopResponse answer;
    synchronized (ctx.lock) {
      integrate();
      if (nextStopFailure != null) {
        TransactionRequestStatus s = nextStopFailure;
        nextStopFailure = null;
        answer = stopFailure(s, "injected failure");
      } else if (id.isEmpty()) {
        if (open.isEmpty()) {
          answer = stopFailure(TransactionRequestStatus.NOT_SUPPORTED, "no open transaction");
        } else {
          List<Open> all = new ArrayList<>(open.values());
          open.clear();
          answer = signedStop(all.get(all.size() - 1));
        }
      } else {
        Open o = open.remove(id);
        answer =
            o == null
                ? stopFailure(TransactionRequestStatus.UNEXPECTED_ERROR, "unknown transaction " + id)
                : signedStop(o);
      }
    }
    return deliver(answer);
  }

  // ---------------------------------------------------------------- test controls

  /** The next {@code start_transaction} answers {@code status} (with an error text) and opens nothing. */
  public void failNextStart(TransactionRequestStatus status) {
    synchronized (ctx.lock) {
      nextStartFailure = status;
    }
  }

  /** The next {@code stop_transaction} answers {@code status} and closes nothing. */
  public void failNextStop(TransactionRequestStatus status) {
    synchronized (ctx.lock) {
      nextStopFailure = status;
    }
  }

  /** Answers complete this long after the request, on the loop (0 = already completed). */
  public void setAnswerDelayMillis(long millis) {
    if (millis < 0) {
      throw new IllegalArgumentException("delay must be >= 0: " + millis);
    }
    synchronized (ctx.lock) {
      answerDelayMillis = millis;
    }
  }

  // ---------------------------------------------------------------- observation

  /** The import register in Wh, up to now. */
  public double energyWh() {
    synchronized (ctx.lock) {
      integrate();
      return energyWh;
    }
  }

  /** Active power now, W. */
  public double powerW() {
    synchronized (ctx.lock) {
      return instantPowerW();
    }
  }

  /** A reading as it would be published now. */
  public Powermeter reading() {
    synchronized (ctx.lock) {
      integrate();
      return buildReading();
    }
  }

  /** Public key (hex DER) that verifies this meter's OCMF signatures. */
  public String publicKeyOcmf() {
    return signer.publicKeyHex();
  }

  /** Ids of the transactions still open. */
  public Set<String> openTransactions() {
    synchronized (ctx.lock) {
      return Set.copyOf(open.keySet());
    }
  }

  /** Commands this meter received. */
  public List<CommandRecord> commandLog() {
    return ctx.log().stream().filter(r -> r.device().equals("meter")).toList();
  }

  // ---------------------------------------------------------------- internals

  /** Adds the energy since the last call at the power that held since then; samples the new power. */
  void integrate() {
    synchronized (ctx.lock) {
      long now = ctx.now();
      long dt = now - lastIntegrationMillis;
      if (dt > 0) {
        energyWh += lastPowerW * dt / 3_600_000.0;
      }
      lastIntegrationMillis = now;
      lastPowerW = instantPowerW();
    }
  }

  private double instantPowerW() {
    double v = ctx.config.nominalVoltageV();
    double sum = 0;
    for (double i : board.lineCurrentsA()) {
      sum += i * v;
    }
    return sum;
  }

  private void publish() {
    Powermeter r;
    synchronized (ctx.lock) {
      integrate();
      r = buildReading();
    }
    ctx.emit(() -> listener.onPowermeter(r));
  }

  private Powermeter buildReading() {
    double v = ctx.config.nominalVoltageV();
    double[] i = board.lineCurrentsA();
    double total = (i[0] + i[1] + i[2]) * v;
    return new Powermeter(
        Rfc3339.format(ctx.loop.clock().wallTime()),
        Optional.of(ctx.config.meterId()),
        Optional.empty(),
        new Energy(energyWh, Optional.empty(), Optional.empty(), Optional.empty()),
        Optional.empty(),
        Optional.of(new Power(total, Optional.of(i[0] * v), Optional.of(i[1] * v), Optional.of(i[2] * v))),
        Optional.of(new Voltage(Optional.empty(), Optional.of(v), Optional.of(v), Optional.of(v))),
        Optional.empty(),
        Optional.of(new Current(Optional.empty(), Optional.of(i[0]), Optional.of(i[1]), Optional.of(i[2]), Optional.empty())),
        Optional.of(new Frequency(50.0, Optional.empty(), Optional.empty())),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }

  private static TransactionStartResponse startAnswer(TransactionRequestStatus s, String error) {
    return new TransactionStartResponse(s, Optional.ofNullable(error), Optional.empty(), Optional.empty());
  }

  private static TransactionStopResponse stopFailure(TransactionRequestStatus s, String error) {
    return new TransactionStopResponse(s, Optional.empty(), Optional.empty(), Optional.of(error));
  }

  private TransactionStopResponse signedStop(Open o) {
    Instant now = ctx.loop.clock().wallTime();
    String begin = readingJson(o.startTime, "B", o.startWh);
    String end = readingJson(now, "E", energyWh);
    String start = signer.sign(payload(o, List.of(begin)));
    String full = signer.sign(payload(o, List.of(begin, end)));
    String key = signer.publicKeyHex();
    return new TransactionStopResponse(
        TransactionRequestStatus.OK,
        Optional.of(signed(start, o.startTime, key)),
        Optional.of(signed(full, now, key)),
        Optional.empty());
  }

  private static SignedMeterValue signed(String ocmf, Instant at, String key) {
    return new SignedMeterValue(
        ocmf, OcmfSigner.SIGNATURE_ALGORITHM, OcmfSigner.ENCODING, Optional.of(key), Optional.of(Rfc3339.format(at)));
  }

  private String payload(Open o, List<String> readings) {
    TransactionReq r = o.request;
    StringBuilder sb = new StringBuilder(256);
    sb.append("{\"FV\":\"1.0\",\"GI\":\"evse-sim\",\"GS\":").append(json(ctx.config.meterId()))
        .append(",\"GV\":\"0.1\",\"PG\":\"T").append(o.pagination).append('"')
        .append(",\"MV\":\"evse-sim\",\"MM\":\"SimulatedPowerMeter\",\"MS\":").append(json(ctx.config.meterId()))
        .append(",\"IS\":").append(r.identificationStatus() == OCMFUserIdentificationStatus.ASSIGNED);
    r.identificationLevel().ifPresent(l -> sb.append(",\"IL\":").append(json(l.name())));
    sb.append(",\"IF\":[");
    List<OCMFIdentificationFlags> flags = r.identificationFlags();
    for (int k = 0; k < flags.size(); k++) {
      sb.append(k == 0 ? "" : ",").append(json(flags.get(k).name()));
    }
    sb.append("],\"IT\":").append(json(r.identificationType().name()));
    r.identificationData().ifPresent(d -> sb.append(",\"ID\":").append(json(d)));
    r.tariffText().ifPresent(t -> sb.append(",\"TT\":").append(json(t)));
    sb.append(",\"CT\":\"EVSEID\",\"CI\":").append(json(r.evseId()));
    sb.append(",\"TX\":").append(json(r.transactionId()));
    sb.append(",\"RD\":[").append(String.join(",", readings)).append("]}");
    return sb.toString();
  }

  private static String readingJson(Instant at, String tx, double wh) {
    return "{\"TM\":\"" + OCMF_TIME.format(at) + " S\",\"TX\":\"" + tx + "\",\"RV\":"
        + String.format(Locale.ROOT, "%.4f", wh / 1000.0)
        + ",\"RI\":\"1-b:1.8.0\",\"RU\":\"kWh\",\"RT\":\"AC\",\"ST\":\"G\"}";
  }

  static String json(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
    for (int k = 0; k < s.length(); k++) {
      char c = s.charAt(k);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20) {
            sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.append('"').toString();
  }

  private <T> CompletionStage<T> deliver(T answer) {
    long delay;
    synchronized (ctx.lock) {
      delay = answerDelayMillis;
    }
    if (delay == 0) {
      return CompletableFuture.completedFuture(answer);
    }
    CompletableFuture<T> f = new CompletableFuture<>();
    ctx.loop.schedule(delay, () -> f.complete(answer));
    return f;
  }
}
