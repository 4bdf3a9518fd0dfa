package dev.evse.site.auth;

import dev.evse.api.EvseManagerCommands;
import dev.evse.api.EvseManagerListener;
import dev.evse.api.codec.Rfc3339;
import dev.evse.api.errors.ErrorTypes;
import dev.evse.api.errors.RaisedError;
import dev.evse.api.types.AuthorizationStatus;
import dev.evse.api.types.AuthorizationType;
import dev.evse.api.types.Connector;
import dev.evse.api.types.ConnectorTypeEnum;
import dev.evse.api.types.Evse;
import dev.evse.api.types.IdToken;
import dev.evse.api.types.MessageContent;
import dev.evse.api.types.ProvidedIdToken;
import dev.evse.api.types.SelectionAlgorithm;
import dev.evse.api.types.SessionEvent;
import dev.evse.api.types.StartSessionReason;
import dev.evse.api.types.StopTransactionReason;
import dev.evse.api.types.StopTransactionRequest;
import dev.evse.api.types.TokenValidationStatus;
import dev.evse.api.types.TokenValidationStatusMessage;
import dev.evse.api.types.ValidationResult;
import dev.evse.api.types.ValidationResultUpdate;
import dev.evse.api.types.WithdrawAuthorizationRequest;
import dev.evse.api.types.WithdrawAuthorizationResult;
import dev.evse.core.EvseManager;
import dev.evse.core.runtime.Cancellable;
import dev.evse.core.runtime.Clock;
import dev.evse.core.runtime.EventLoop;
import dev.evse.site.auth.EvseRecord.ConnectorRecord;
import dev.evse.site.auth.EvseRecord.Identifier;
import dev.evse.site.auth.EvseRecord.TimerKind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The authorization and reservation manager of a process, after EVerest's Auth module: takes
 * tokens from providers, has them checked by every validator, picks the EVSE a valid token is
 * for and tells that EVSE manager; stops transactions with the same card, its group or a master
 * pass; withdraws authorizations not used in time; owns all reservations (EVSE-specific and
 * global, expiry, persistence).
 *
 * <p>Single-threaded on its own {@link EventLoop}: every public method may be called from any
 * thread and returns at once; results complete on that loop, listeners are called on it and must
 * not block. Calls to EVSE managers go through their asynchronous {@link EvseManagerCommands};
 * their session events come back through the listener returned by {@link #addEvse}.
 *
 * <pre>{@code
 * Auth auth = new Auth(group.newLoop("auth"), config);        // config.validated() is checked
 * auth.attach(evse1);                                          // = evse1.addListener(auth.addEvse(1, evse1))
 * auth.attach(evse2);
 * auth.addValidator(ocppValidator, 550);                       // after the local_tokens list
 * auth.addStatusListener(msg -> consumerApi.publish(msg));     // token_validation_status
 * auth.addReservationListener(u -> ...);                       // reservation_update
 * auth.start();                                                // asks each EVSE get_evse()
 * rfidReader.onCard(token -> auth.onTokenProvided(token));     // provided_token
 * }</pre>
 */
public final class Auth {
  private static final Logger LOG = LoggerFactory.getLogger(Auth.class);

  /** Default reply timeout of a validator (EVerest's {@code cfg_request_reply_to_s}), seconds. */
  public static final int DEFAULT_VALIDATOR_TIMEOUT_S = 550;

  private record Registration(int evseId, EvseManagerCommands commands) {}

  private record ValidatorEntry(TokenValidator validator, long timeoutMillis) {}

  /** A reservation held by Auth; {@code evseId} null for a global one. */
  private static final class Placed {
    final Reservation reservation;
    final Integer evseId;
    Cancellable expiry = Cancellable.NONE;
    boolean confirmed;

    Placed(Reservation reservation, Integer evseId) {
      this.reservation = reservation;
      this.evseId = evseId;
    }

    int id() {
      return reservation.reservationId();
    }

    ConnectorTypeEnum type() {
      return reservation.connectorTypeOrUnknown();
    }
  }

  /** A pending {@code withdraw_authorization} request (spec 7). */
  private static final class Withdraw {
    final WithdrawAuthorizationRequest request;
    final CompletableFuture<WithdrawAuthorizationResult> result;
    final Set<Handling> waitingFor = new LinkedHashSet<>();
    boolean matchedHandling;

    Withdraw(WithdrawAuthorizationRequest request, CompletableFuture<WithdrawAuthorizationResult> result) {
      this.request = request;
      this.result = result;
    }
  }

  /** One presentation of a token, from arrival to its final status (spec 5). */
  private static final class Handling {
    final ProvidedIdToken provided;
    ProvidedIdToken token;
    final List<Integer> candidates;
    List<Integer> remaining;
    List<ValidationResult> results = List.of();
    int next;
    ValidationResult last;
    ValidationResult current;
    boolean waiting;
    Cancellable waitTimer = Cancellable.NONE;
    boolean withdrawRequested;

    Handling(ProvidedIdToken provided, List<Integer> candidates) {
      this.provided = provided;
      this.token = provided;
      this.candidates = candidates;
    }

    List<Integer> currentCandidates() {
      return remaining != null ? remaining : candidates;
    }
  }

  private final EventLoop loop;
  private final Clock clock;
  private final AuthConfig config;
  private final SelectionAlgorithm selection;
  private final ReservationStore store;
  private final List<Registration> registrations = new ArrayList<>();
  private final List<ValidatorEntry> validators = new CopyOnWriteArrayList<>();
  private final List<Consumer<TokenValidationStatusMessage>> statusListeners = new CopyOnWriteArrayList<>();
  private final List<Consumer<ReservationUpdateStatus>> reservationListeners = new CopyOnWriteArrayList<>();

  // Everything below is touched only on the loop.
  private long connectionTimeoutMillis;
  private String masterPassGroupId;
  private final TreeMap<Integer, EvseRecord> evses = new TreeMap<>();
  private final List<Integer> plugQueue = new ArrayList<>();
  private final List<Handling> inProcess = new ArrayList<>();
  private final List<Handling> waiters = new ArrayList<>();
  private final List<Runnable> earlyEvents = new ArrayList<>();
  private boolean startRequested;
  private boolean started;
  private final TreeMap<Integer, Placed> specific = new TreeMap<>();
  private final List<Placed> globals = new ArrayList<>();
  private Set<Integer> blocked = new TreeSet<>();
  private final ArrayDeque<Withdraw> withdrawQueue = new ArrayDeque<>();
  private Withdraw currentWithdraw;

  /** Auth without reservation persistence. */
  public Auth(EventLoop loop, AuthConfig config) {
    this(loop, config, ReservationStore.NONE);
  }

  /**
   * @throws IllegalArgumentException if {@code config} has problems ({@link AuthConfig#problems()})
   */
  public Auth(EventLoop loop, AuthConfig config, ReservationStore store) {
    this.loop = Objects.requireNonNull(loop, "loop");
    this.clock = loop.clock();
    this.config = Objects.requireNonNull(config, "config").validated();
    this.store = Objects.requireNonNull(store, "store");
    this.selection = config.selection();
    this.connectionTimeoutMillis = config.connectionTimeout * 1000L;
    this.masterPassGroupId = config.masterPassGroupId; // A1: applies from start-up
    if (!config.localTokens.isEmpty()) {
      validators.add(new ValidatorEntry(new LocalTokenList(config.localTokens, clock),
          DEFAULT_VALIDATOR_TIMEOUT_S * 1000L));
    }
  }

  public AuthConfig config() {
    return config;
  }

  public EventLoop loop() {
    return loop;
  }

  // ------------------------------------------------------------------ wiring

  /**
   * Registers an EVSE manager under its evse id (what its {@code get_evse()} returns) before
   * {@link #start()}. Returns the listener that must receive the EVSE's session events and errors
   * ({@code evse.addListener(...)}); events that arrive before Auth has started are queued.
   * An evse id &lt;= 0 is ignored (logged), as EVerest does.
   *
   * @throws IllegalStateException after {@link #start()}
   * @throws IllegalArgumentException for an evse id registered twice
   */
  public EvseManagerListener addEvse(int evseId, EvseManagerCommands evse) {
    Objects.requireNonNull(evse, "evse");
    synchronized (registrations) {
      if (startRequested) {
        throw new IllegalStateException("EVSEs must be added before start()");
      }
      if (evseId <= 0) {
        LOG.warn("EVSE with evse id {} ignored: ids start at 1", evseId);
        return new EvseManagerListener() {};
      }
      if (registrations.stream().anyMatch(r -> r.evseId() == evseId)) {
        throw new IllegalArgumentException("evse id " + evseId + " registered twice");
      }
      registrations.add(new Registration(evseId, evse));
    }
    return new EvseEvents(evseId);
  }

  /** Registers a kernel of this process under its evse id and subscribes to its events. */
  public void attach(EvseManager evse) {
    evse.addListener(addEvse(evse.config().connectorId, evse));
  }

  /** Adds a validator with the default reply timeout ({@value #DEFAULT_VALIDATOR_TIMEOUT_S} s). */
  public void addValidator(TokenValidator validator) {
    addValidator(validator, DEFAULT_VALIDATOR_TIMEOUT_S);
  }

  /**
   * Adds a validator, asked after those added before. Without an answer within {@code
   * requestReplyToS} seconds (1..550, EVerest's {@code cfg_request_reply_to_s}) the result is
   * {@code Invalid}.
   */
  public void addValidator(TokenValidator validator, int requestReplyToS) {
    Objects.requireNonNull(validator, "validator");
    if (requestReplyToS < 1 || requestReplyToS > 550) {
      throw new IllegalArgumentException("requestReplyToS " + requestReplyToS + " is outside 1..550");
    }
    validators.add(new ValidatorEntry(validator, requestReplyToS * 1000L));
  }

  /** Receives every {@code token_validation_status} (on Auth's loop). */
  public void addStatusListener(Consumer<TokenValidationStatusMessage> listener) {
    statusListeners.add(Objects.requireNonNull(listener, "listener"));
  }

  /** Receives every {@code reservation_update} (on Auth's loop). */
  public void addReservationListener(Consumer<ReservationUpdateStatus> listener) {
    reservationListeners.add(Objects.requireNonNull(listener, "listener"));
  }

  /**
   * Starts (spec 1.5): asks every EVSE {@code get_evse()} for its connectors, applies the events
   * queued meanwhile, then restores the stored reservations. Tokens provided before that are
   * discarded.
   */
  public void start() {
    List<Registration> regs;
    synchronized (registrations) {
      if (startRequested) {
        return;
      }
      startRequested = true;
      regs = List.copyOf(registrations);
    }
    loop.post(() -> {
      Map<Integer, List<Connector>> found = new LinkedHashMap<>();
      if (regs.isEmpty()) {
        finishStart(regs, found);
        return;
      }
      for (Registration r : regs) {
        CompletableFuture<Evse> answer;
        try {
          answer = r.commands().getEvse();
        } catch (RuntimeException e) {
          answer = CompletableFuture.failedFuture(e);
        }
        answer.whenComplete((evse, error) -> loop.post(() -> {
          List<Connector> connectors = List.of(Connector.of(1));
          if (error != null || evse == null) {
            LOG.warn("get_evse of EVSE {} failed; assuming one connector of type Unknown", r.evseId(), error);
          } else {
            if (evse.id() != r.evseId()) {
              LOG.warn("EVSE registered as {} reports evse id {}; using {}", r.evseId(), evse.id(), r.evseId());
            }
            connectors = evse.connectors();
          }
          found.put(r.evseId(), connectors);
          if (found.size() == regs.size()) {
            finishStart(regs, found);
          }
        }));
      }
    });
  }

  private void finishStart(List<Registration> regs, Map<Integer, List<Connector>> found) {
    for (Registration r : regs) {
      EvseRecord e = new EvseRecord(r.evseId(), r.commands());
      for (Connector c : found.get(r.evseId())) {
        e.connectors.add(new ConnectorRecord(c.id(), c.type().orElse(ConnectorTypeEnum.Unknown)));
      }
      evses.put(e.evseId, e);
    }
    started = true;
    List<Runnable> queued = List.copyOf(earlyEvents);
    earlyEvents.clear();
    queued.forEach(Runnable::run);
    LOG.info("Auth started with EVSEs {}", evses.keySet());
    CompletionStage<List<StoredReservation>> stored;
    try {
      stored = store.load();
    } catch (RuntimeException e) {
      stored = CompletableFuture.failedFuture(e);
    }
    stored.whenComplete((list, error) -> loop.post(() -> {
      if (error != null) {
        LOG.warn("stored reservations could not be loaded", error);
      }
      restore(error == null && list != null ? list : List.of());
      evaluateBlocking();
    }));
  }

  // ------------------------------------------------------------------ inputs

  /** {@code provided_token} of a token provider. */
  public void onTokenProvided(ProvidedIdToken token) {
    Objects.requireNonNull(token, "token");
    loop.post(() -> handleToken(token));
  }

  /** {@code validate_result_update} of a validator (spec 5.16). */
  public void onValidateResultUpdate(ValidationResultUpdate update) {
    Objects.requireNonNull(update, "update");
    loop.post(() -> {
      if (!started) {
        LOG.warn("validate_result_update before start discarded");
        return;
      }
      EvseRecord e = evses.get(update.connectorId());
      if (e == null || e.identifier == null) {
        LOG.info("validate_result_update for EVSE {} without authorization ignored", update.connectorId());
        return;
      }
      ValidationResult r = update.validationResult();
      Identifier id = e.identifier.withUpdate(r.authorizationStatus(), r.parentIdToken());
      e.identifier = id;
      ProvidedIdToken token = new ProvidedIdToken(Optional.empty(), id.idToken(), r.parentIdToken(),
          id.authorizationType(), Optional.of(List.of(e.evseId)), Optional.empty(), Optional.empty(), Optional.empty());
      publish(token, TokenValidationStatus.Accepted, r.tariffMessages());
    });
  }

  /** {@code set_connection_timeout} (10..300 s); applies to timers and waits started afterwards. */
  public CompletableFuture<Void> setConnectionTimeout(int seconds) {
    if (seconds < 10 || seconds > 300) {
      return CompletableFuture.failedFuture(
          new IllegalArgumentException("connection_timeout " + seconds + " is outside 10..300"));
    }
    return loop.call(() -> {
      connectionTimeoutMillis = seconds * 1000L;
      return null;
    });
  }

  /** {@code set_master_pass_group_id} (up to 36 characters; "" switches the feature off). */
  public CompletableFuture<Void> setMasterPassGroupId(String groupId) {
    Objects.requireNonNull(groupId, "master_pass_group_id");
    if (groupId.length() > 36) {
      return CompletableFuture.failedFuture(new IllegalArgumentException("master_pass_group_id longer than 36"));
    }
    return loop.call(() -> {
      masterPassGroupId = groupId;
      return null;
    });
  }

  /** {@code withdraw_authorization} (spec 7). */
  public CompletableFuture<WithdrawAuthorizationResult> withdrawAuthorization(WithdrawAuthorizationRequest request) {
    Objects.requireNonNull(request, "request");
    CompletableFuture<WithdrawAuthorizationResult> result = new CompletableFuture<>();
    loop.post(() -> {
      withdrawQueue.add(new Withdraw(request, result));
      if (currentWithdraw == null) {
        nextWithdraw();
      }
    });
    return result;
  }

  /** {@code reserve_now} (spec 9.2). */
  public CompletableFuture<ReservationResult> reserveNow(Reservation reservation) {
    Objects.requireNonNull(reservation, "reservation");
    CompletableFuture<ReservationResult> result = new CompletableFuture<>();
    loop.post(() -> {
      try {
        reserve(reservation, result);
      } catch (RuntimeException e) {
        result.completeExceptionally(e);
      }
    });
    return result;
  }

  /** {@code cancel_reservation} (spec 9.5): false for an unknown id; publishes no update. */
  public CompletableFuture<Boolean> cancelReservation(int reservationId) {
    return loop.call(() -> {
      Placed p = findReservation(reservationId);
      if (p == null) {
        return false;
      }
      remove(p);
      persist();
      if (p.evseId != null) {
        cancelOnEvse(p.evseId);
      }
      evaluateBlocking();
      return true;
    });
  }

  /** {@code exists_reservation} (spec 9.5, A4). */
  public CompletableFuture<ReservationCheckStatus> existsReservation(ReservationCheck check) {
    Objects.requireNonNull(check, "check");
    return loop.call(() -> {
      Optional<IdToken> group = check.groupIdToken().map(g -> IdToken.of(g, LocalTokenList.PARENT_TYPE));
      if (check.evseId().isEmpty()) {
        for (Placed g : globals) {
          if (matches(g.reservation, check.idToken(), group)) {
            return ReservationCheckStatus.ReservedForToken;
          }
        }
        return ReservationCheckStatus.NotReserved;
      }
      Placed p = specific.get(check.evseId().get());
      if (p == null) {
        return ReservationCheckStatus.NotReserved;
      }
      if (matches(p.reservation, check.idToken(), group)) {
        return ReservationCheckStatus.ReservedForToken;
      }
      if (check.groupIdToken().isEmpty() && p.reservation.parentIdToken().isPresent()) {
        return ReservationCheckStatus.ReservedForOtherTokenAndHasParentToken;
      }
      return ReservationCheckStatus.ReservedForOtherToken;
    });
  }

  /** The reservations held now, in the form they are persisted. */
  public CompletableFuture<List<StoredReservation>> reservations() {
    return loop.call(this::storedForm);
  }

  // ------------------------------------------------------------------ EVSE events (spec 4)

  /** Receives one EVSE's vars and errors and hands them to Auth's loop. */
  private final class EvseEvents implements EvseManagerListener {
    private final int evseId;

    EvseEvents(int evseId) {
      this.evseId = evseId;
    }

    @Override
    public void onSessionEvent(SessionEvent event) {
      deliver(() -> sessionEvent(evseId, event));
    }

    @Override
    public void onErrorRaised(RaisedError error) {
      if (ErrorTypes.EVSE_MANAGER_INOPERATIVE.equals(error.type())) {
        deliver(() -> inoperative(evseId, true));
      }
    }

    @Override
    public void onErrorCleared(RaisedError error) {
      if (ErrorTypes.EVSE_MANAGER_INOPERATIVE.equals(error.type())) {
        deliver(() -> inoperative(evseId, false));
      }
    }

    private void deliver(Runnable task) {
      loop.post(() -> {
        if (started) {
          task.run();
        } else {
          earlyEvents.add(task);
        }
      });
    }

    @Override
    public String toString() {
      return "Auth listener of EVSE " + evseId;
    }
  }

  private void inoperative(int evseId, boolean raised) {
    if (config.ignoreConnectorFaults) {
      return;
    }
    EvseRecord e = evses.get(evseId);
    if (e != null) {
      connectorEvent(e, 1, raised ? ConnectorState.Event.Faulted : ConnectorState.Event.ErrorCleared);
    }
  }

  private void sessionEvent(int evseId, SessionEvent event) {
    EvseRecord e = evses.get(evseId);
    if (e == null) {
      return;
    }
    int connector = event.connectorIdOrDefault();
    if (connector <= 0) {
      return;
    }
    switch (event.event()) {
      case SessionStarted -> {
        boolean evConnected = event.sessionStarted()
            .map(s -> s.reason() == StartSessionReason.EVConnected).orElse(false);
        if (evConnected) {
          e.pluggedIn = true;
          if (!plugQueue.contains(evseId)) {
            plugQueue.add(evseId);
          }
          if (evses.size() >= 2 && config.plugInTimeoutEnabled) {
            startPlugInTimer(e);
          }
          wakeWaiters();
        }
      }
      case TransactionStarted -> {
        e.pluggedIn = true;
        e.transactionActive = true;
        connectorEvent(e, connector, ConnectorState.Event.TransactionStarted);
        e.stopTimer();
        evaluateBlocking();
      }
      case TransactionFinished -> {
        e.transactionActive = false;
        e.identifier = null;
      }
      case SessionFinished -> {
        e.pluggedIn = false;
        e.plugInTimedOut = false;
        e.identifier = null;
        connectorEvent(e, connector, ConnectorState.Event.SessionFinished);
        e.stopTimer();
        plugQueue.remove(Integer.valueOf(evseId));
        evaluateBlocking();
      }
      case Disabled -> {
        connectorEvent(e, connector, ConnectorState.Event.Disable);
        evaluateBlocking();
      }
      case Enabled -> {
        connectorEvent(e, connector, ConnectorState.Event.Enable);
        evaluateBlocking();
      }
      case Deauthorized -> {
        e.identifier = null;
        e.stopTimer();
      }
      case ReservationEnd -> {
        Placed p = specific.get(evseId);
        // Only a reservation the EVSE manager has confirmed can have been ended by it; an older
        // ReservationEnd (of a reservation Auth already cancelled) must not end a newer one.
        if (p != null && p.confirmed) {
          cancelByAuth(p);
        }
      }
      default -> { }
    }
  }

  /** Applies a connector event (spec 3.2), then the reservation reactions of 9.7. */
  private void connectorEvent(EvseRecord e, int connectorId, ConnectorState.Event event) {
    Optional<ConnectorRecord> found = e.connector(connectorId);
    if (found.isEmpty()) {
      LOG.debug("{}: connector {} unknown, {} ignored", e, connectorId, event);
      return;
    }
    ConnectorRecord c = found.get();
    c.state = c.state.on(event);
    if (c.state == ConnectorState.Available) {
      return;
    }
    Placed own = specific.get(e.evseId);
    if (own != null && own.reservation.connectorType().isPresent()
        && EvseRecord.typesMatch(own.reservation.connectorType().get(), c.type)) {
      cancelByAuth(own);
      return;
    }
    recheckReservations();
  }

  private void recheckReservations() {
    Set<Integer> keptSpecific = new TreeSet<>();
    List<Placed> drop = new ArrayList<>();
    for (Placed p : specific.values()) {
      if (keptSpecific.size() + 1 <= evses.size()) {
        keptSpecific.add(p.evseId);
      } else {
        drop.add(p);
      }
    }
    List<ConnectorTypeEnum> keptGlobal = new ArrayList<>();
    for (Placed g : globals) {
      List<ConnectorTypeEnum> with = new ArrayList<>(keptGlobal);
      with.add(g.type());
      if (GlobalRoom.feasible(evses.values(), with, keptSpecific)) {
        keptGlobal.add(g.type());
      } else {
        drop.add(g);
      }
    }
    drop.forEach(this::cancelByAuth);
  }

  private void startPlugInTimer(EvseRecord e) {
    e.stopTimer();
    e.timerKind = TimerKind.PLUG_IN;
    e.timer = loop.schedule(connectionTimeoutMillis, () -> {
      e.timer = Cancellable.NONE;
      e.timerKind = TimerKind.NONE;
      LOG.info("{}: no token within connection_timeout after plug-in", e);
      send(e, "withdraw_authorization", e.commands::withdrawAuthorization);
      plugQueue.remove(Integer.valueOf(e.evseId));
      e.plugInTimedOut = true;
    });
  }

  // ------------------------------------------------------------------ token handling (spec 5)

  private void handleToken(ProvidedIdToken token) {
    if (!started) {
      LOG.warn("token {} provided before Auth started: discarded", token.idToken().value());
      return;
    }
    List<Integer> candidates = candidatesFor(token);
    if (alreadyInProcess(token, candidates)) {
      LOG.info("token {} already in process: ignored", token.idToken().value());
      return;
    }
    Handling h = new Handling(token, candidates);
    inProcess.add(h);
    publish(token, TokenValidationStatus.Processing, List.of());

    String value = token.idToken().value();
    if (token.authorizationType() == AuthorizationType.RFID) {
      for (int id : candidates) {
        EvseRecord e = evses.get(id);
        Identifier idf = e.identifier;
        if (idf != null && (eq(idf.idToken().value(), value)
            || idf.parentIdToken().map(p -> eq(p.value(), value)).orElse(false))) {
          stop(e, StopTransactionReason.Local, h.provided);
          ProvidedIdToken out = withConnectors(withParent(token, idf.parentIdToken()), List.of(id));
          finish(h, TokenValidationStatus.UsedToStop, out);
          return;
        }
      }
    }

    boolean anyAvailable = candidates.stream().anyMatch(id -> evses.get(id).available());
    boolean anyGroupPlaced = candidates.stream().anyMatch(id -> {
      Identifier idf = evses.get(id).identifier;
      return idf != null && idf.parentIdToken().isPresent();
    });
    if (!anyAvailable && !anyGroupPlaced && masterPassGroupId.isEmpty()) {
      finish(h, TokenValidationStatus.Rejected, token);
      return;
    }
    if (!reservationPrecheck(value, candidates)) {
      finish(h, TokenValidationStatus.Rejected, token);
      return;
    }
    validate(h);
  }

  private List<Integer> candidatesFor(ProvidedIdToken token) {
    List<Integer> out = new ArrayList<>();
    if (token.connectors().isPresent()) {
      for (int id : token.connectors().get()) {
        EvseRecord e = evses.get(id);
        if (e == null) {
          LOG.info("token {} names unknown EVSE {}: dropped", token.idToken().value(), id);
        } else if (!e.unavailable() && !out.contains(id)) {
          out.add(id);
        }
      }
    } else {
      for (EvseRecord e : evses.values()) {
        if (!e.unavailable()) {
          out.add(e.evseId);
        }
      }
    }
    return out;
  }

  private boolean alreadyInProcess(ProvidedIdToken token, List<Integer> candidates) {
    String value = token.idToken().value();
    for (Handling h : inProcess) {
      if (eq(h.provided.idToken().value(), value)) {
        return true;
      }
    }
    for (int id : candidates) {
      EvseRecord e = evses.get(id);
      if (e.identifier != null && !e.transactionActive && sameToken(e.identifier.idToken(), token.idToken())) {
        return true;
      }
    }
    return false;
  }

  private boolean reservationPrecheck(String value, List<Integer> candidates) {
    for (int id : candidates) {
      Placed own = specific.get(id);
      if (own == null && chargingPossible(id)) {
        return true;
      }
      if (matchReservation(value, id, Optional.empty()) != null) {
        return true;
      }
      if (own != null) {
        if (own.reservation.parentIdToken().isPresent()) {
          return true;
        }
      } else if (globals.stream().anyMatch(g -> g.reservation.parentIdToken().isPresent())) {
        return true;
      }
    }
    return false;
  }

  private void validate(Handling h) {
    if (h.provided.prevalidated().orElse(false)) {
      ValidationResult synthetic = new ValidationResult(AuthorizationStatus.Accepted, Optional.empty(), List.of(),
          Optional.empty(), h.provided.parentIdToken(), Optional.empty(), Optional.empty(), Optional.empty());
      afterValidation(h, List.of(synthetic));
      return;
    }
    List<ValidatorEntry> all = List.copyOf(validators);
    if (all.isEmpty()) {
      LOG.warn("no token validator: token {} cannot be validated", h.provided.idToken().value());
    }
    validateFrom(h, all, 0, new ArrayList<>());
  }

  /** Asks validator {@code i}, then the next one, collecting the results in order. */
  private void validateFrom(Handling h, List<ValidatorEntry> all, int i, List<ValidationResult> results) {
    if (i == all.size()) {
      afterValidation(h, results);
      return;
    }
    ValidatorEntry v = all.get(i);
    boolean[] settled = {false};
    Consumer<ValidationResult> settle = r -> {
      if (settled[0]) {
        return;
      }
      settled[0] = true;
      results.add(r);
      validateFrom(h, all, i + 1, results);
    };
    Cancellable timeout = loop.schedule(v.timeoutMillis(), () -> {
      if (!settled[0]) {
        LOG.warn("validator {} did not answer for token {} in time: Invalid", i, h.provided.idToken().value());
      }
      settle.accept(ValidationResult.of(AuthorizationStatus.Invalid));
    });
    CompletionStage<ValidationResult> answer;
    try {
      answer = v.validator().validateToken(h.provided);
      if (answer == null) {
        answer = CompletableFuture.failedFuture(new NullPointerException("validator returned null"));
      }
    } catch (RuntimeException e) {
      answer = CompletableFuture.failedFuture(e);
    }
    answer.whenComplete((r, error) -> loop.post(() -> {
      if (settled[0]) {
        LOG.info("late answer of validator {} for token {} ignored", i, h.provided.idToken().value());
        return;
      }
      timeout.cancel();
      if (error != null || r == null) {
        LOG.warn("validator {} failed for token {}: Unknown", i, h.provided.idToken().value(), error);
        settle.accept(ValidationResult.of(AuthorizationStatus.Unknown));
      } else {
        settle.accept(r);
      }
    }));
  }

  private void afterValidation(Handling h, List<ValidationResult> results) {
    h.results = results;
    List<Integer> candidates = h.candidates;
    boolean tryStop = !config.prioritizeAuthorizationOverStoppingTransaction
        || candidates.stream().noneMatch(id -> evses.get(id).available());
    if (tryStop) {
      for (ValidationResult r : results) {
        if (r.authorizationStatus() != AuthorizationStatus.Accepted || r.parentIdToken().isEmpty()) {
          continue;
        }
        IdToken parent = r.parentIdToken().get();
        if (isMasterPass(parent)) {
          List<Integer> stopped = new ArrayList<>();
          for (int id : candidates) {
            EvseRecord e = evses.get(id);
            if (e.transactionActive) {
              stop(e, StopTransactionReason.MasterPass, h.provided);
              stopped.add(id);
            }
          }
          finish(h, TokenValidationStatus.UsedToStop, withConnectors(withParent(h.token, Optional.of(parent)), stopped));
          return;
        }
        for (int id : candidates) {
          EvseRecord e = evses.get(id);
          Identifier idf = e.identifier;
          if (idf == null) {
            continue;
          }
          if (eq(idf.idToken().value(), parent.value())
              || idf.parentIdToken().map(p -> eq(p.value(), parent.value())).orElse(false)) {
            if (e.transactionActive) {
              stop(e, StopTransactionReason.Local, h.provided);
              finish(h, TokenValidationStatus.UsedToStop,
                  withConnectors(withParent(h.token, Optional.of(parent)), List.of(id)));
            } else {
              finish(h, null, h.token); // A3: group already authorized, not charging: silent, but released
            }
            return;
          }
        }
      }
    }
    if (candidates.stream().noneMatch(id -> evses.get(id).available())) {
      finish(h, TokenValidationStatus.Rejected, h.token);
      return;
    }
    List<Integer> remaining = new ArrayList<>();
    for (int id : candidates) {
      if (evses.get(id).identifier == null) {
        remaining.add(id);
      }
    }
    h.remaining = remaining;
    continueAuthorizing(h);
  }

  /** Spec 5.8 step 2 onwards: tries the validation results in order until one EVSE is authorized. */
  private void continueAuthorizing(Handling h) {
    while (h.next < h.results.size() && !h.remaining.isEmpty()) {
      ValidationResult r = h.results.get(h.next++);
      h.last = r;
      if (r.authorizationStatus() != AuthorizationStatus.Accepted) {
        continue;
      }
      if (r.parentIdToken().isPresent() && isMasterPass(r.parentIdToken().get())) {
        finish(h, TokenValidationStatus.Rejected, h.token);
        return;
      }
      if (r.parentIdToken().isPresent()) {
        h.token = withParent(h.token, r.parentIdToken());
      }
      publish(h.token, TokenValidationStatus.Accepted, r.tariffMessages());
      h.current = r;
      Integer selected;
      if (h.remaining.size() == 1) {
        selected = h.remaining.get(0);
      } else if (selection == SelectionAlgorithm.FindFirst) {
        selected = findFirst(h.remaining);
        if (selected == null) {
          finish(h, TokenValidationStatus.TimedOut, h.token);
          return;
        }
      } else {
        if (h.withdrawRequested) {
          finish(h, TokenValidationStatus.Withdrawn, h.token);
          return;
        }
        selected = earliestPlugIn(h.remaining);
        if (selected == null) {
          startWaiting(h);
          return;
        }
      }
      if (assign(h, r, selected)) {
        finish(h, TokenValidationStatus.UsedToStart, h.token);
        return;
      }
    }
    failed(h);
  }

  private Integer findFirst(List<Integer> remaining) {
    for (int id : plugQueue) {
      if (remaining.contains(id)) {
        if (!evses.get(id).transactionActive) {
          return id;
        }
        break;
      }
    }
    for (int id : remaining) {
      if (evses.get(id).available()) {
        return id;
      }
    }
    return null;
  }

  /**
   * The earliest queued plug-in among {@code remaining} that holds no authorization and runs no
   * transaction (one started without Auth, e.g. free service, is no plug-in waiting for a token).
   */
  private Integer earliestPlugIn(List<Integer> remaining) {
    for (int id : plugQueue) {
      EvseRecord e = evses.get(id);
      if (remaining.contains(id) && e.identifier == null && !e.transactionActive) {
        return id;
      }
    }
    return null;
  }

  private void startWaiting(Handling h) {
    h.waiting = true;
    waiters.add(h);
    h.waitTimer = loop.schedule(connectionTimeoutMillis, () -> {
      if (h.waiting) {
        stopWaiting(h);
        finish(h, TokenValidationStatus.TimedOut, h.token);
      }
    });
  }

  private void stopWaiting(Handling h) {
    h.waiting = false;
    h.waitTimer.cancel();
    waiters.remove(h);
  }

  /** A plug-in was queued: the tokens that wait for it, in the order they started waiting. */
  private void wakeWaiters() {
    for (Handling h : List.copyOf(waiters)) {
      if (!h.waiting) {
        continue;
      }
      Integer selected = earliestPlugIn(h.remaining);
      if (selected == null) {
        continue;
      }
      stopWaiting(h);
      if (assign(h, h.current, selected)) {
        finish(h, TokenValidationStatus.UsedToStart, h.token);
      } else {
        continueAuthorizing(h);
      }
    }
  }

  /** Spec 5.8 steps 4.5 to 4.7 for the selected EVSE; true when it was authorized. */
  private boolean assign(Handling h, ValidationResult r, int evseId) {
    EvseRecord e = evses.get(evseId);
    Placed reservation = matchReservation(h.token.idToken().value(), evseId, r.parentIdToken());
    ValidationResult result = r;
    boolean authorized = false;
    if (r.evseIds().isPresent() && h.remaining.stream().noneMatch(r.evseIds().get()::contains)) {
      result = withStatus(r, AuthorizationStatus.NotAtThisLocation);
    } else if (reservation == null && !chargingPossible(evseId)) {
      result = withStatus(r, AuthorizationStatus.NotAtThisTime);
    } else if (reservation == null) {
      authorized = true;
    } else {
      remove(reservation); // used: no event, no call to the EVSE manager (9.6)
      persist();
      result = withReservationId(r, reservation.id());
      authorized = true;
    }
    h.last = result;
    if (authorized) {
      h.token = withConnectors(h.token, List.of(evseId));
      placeAuthorization(e, h.token, result);
    } else {
      ProvidedIdToken token = h.token;
      ValidationResult negative = result;
      send(e, "authorize_response", () -> e.commands.authorizeResponse(token, negative));
    }
    return authorized;
  }

  /** Spec 5.10. */
  private void placeAuthorization(EvseRecord e, ProvidedIdToken token, ValidationResult result) {
    Identifier idf = new Identifier(token.idToken(), token.authorizationType(), result.authorizationStatus(),
        result.expiryTime(), result.parentIdToken(), token);
    e.identifier = idf;
    e.stopTimer();
    e.timerKind = TimerKind.AUTHORIZATION;
    e.timer = loop.schedule(connectionTimeoutMillis, () -> {
      e.timer = Cancellable.NONE;
      e.timerKind = TimerKind.NONE;
      e.identifier = null;
      LOG.info("{}: authorization of {} not used within connection_timeout", e, idf.idToken().value());
      send(e, "withdraw_authorization", e.commands::withdrawAuthorization);
      publish(idf.sentToken(), TokenValidationStatus.TimedOut, List.of());
    });
    plugQueue.remove(Integer.valueOf(e.evseId));
    send(e, "authorize_response", () -> e.commands.authorizeResponse(token, result));
  }

  /** Spec 5.11. */
  private void failed(Handling h) {
    ValidationResult last = h.last != null ? h.last : ValidationResult.of(AuthorizationStatus.Unknown);
    ProvidedIdToken token = h.token;
    for (int id : h.provided.connectors().orElse(List.of())) {
      EvseRecord e = evses.get(id);
      if (e != null) { // A14
        send(e, "authorize_response", () -> e.commands.authorizeResponse(token, last));
      }
    }
    finish(h, TokenValidationStatus.Rejected, h.token);
  }

  /** Ends a handling; {@code status} null ends it without publishing anything. */
  private void finish(Handling h, TokenValidationStatus status, ProvidedIdToken token) {
    inProcess.remove(h);
    if (h.waiting) {
      stopWaiting(h);
    }
    if (status != null) {
      publish(token, status, List.of());
    }
    if (currentWithdraw != null && currentWithdraw.waitingFor.remove(h) && currentWithdraw.waitingFor.isEmpty()) {
      Withdraw w = currentWithdraw;
      currentWithdraw = null;
      completeWithdraw(w);
      nextWithdraw();
    }
  }

  // ------------------------------------------------------------------ withdraw (spec 7)

  private void nextWithdraw() {
    Withdraw w;
    while (currentWithdraw == null && (w = withdrawQueue.poll()) != null) {
      WithdrawAuthorizationRequest req = w.request;
      if (req.evseId().isPresent() && !evses.containsKey(req.evseId().get())) {
        w.result.complete(WithdrawAuthorizationResult.EvseNotFound);
        continue;
      }
      List<Handling> targeted = new ArrayList<>();
      for (Handling h : inProcess) {
        boolean tokenOk = req.idToken().map(t -> sameToken(t, h.provided.idToken())).orElse(true);
        boolean evseOk = req.evseId().map(id -> h.currentCandidates().contains(id)).orElse(true);
        if (tokenOk && evseOk) {
          targeted.add(h);
        }
      }
      if (!targeted.isEmpty()) {
        w.matchedHandling = true;
        for (Handling h : targeted) {
          if (h.waiting) {
            finish(h, TokenValidationStatus.Withdrawn, h.token);
          } else {
            h.withdrawRequested = true;
            w.waitingFor.add(h);
          }
        }
        if (!w.waitingFor.isEmpty()) {
          currentWithdraw = w;
          return;
        }
      }
      completeWithdraw(w);
    }
  }

  private void completeWithdraw(Withdraw w) {
    for (Handling h : w.waitingFor) {
      h.withdrawRequested = false;
    }
    WithdrawAuthorizationRequest req = w.request;
    List<EvseRecord> concerned = new ArrayList<>();
    for (EvseRecord e : evses.values()) {
      if (e.identifier == null) {
        continue;
      }
      if (req.evseId().isPresent() && req.evseId().get() != e.evseId) {
        continue;
      }
      if (req.idToken().isPresent() && !sameToken(req.idToken().get(), e.identifier.idToken())) {
        continue;
      }
      concerned.add(e);
    }
    for (EvseRecord e : concerned) {
      if (e.transactionActive) {
        send(e, "stop_transaction", () -> e.commands.stopTransaction(StopTransactionRequest.of(StopTransactionReason.DeAuthorized)));
      } else {
        send(e, "withdraw_authorization", e.commands::withdrawAuthorization);
      }
    }
    w.result.complete(w.matchedHandling || !concerned.isEmpty()
        ? WithdrawAuthorizationResult.Accepted
        : WithdrawAuthorizationResult.AuthorizationNotFound);
  }

  // ------------------------------------------------------------------ reservations (spec 9)

  private void reserve(Reservation r, CompletableFuture<ReservationResult> result) {
    if (!started) {
      LOG.warn("reserve_now before Auth started: Rejected");
      result.complete(ReservationResult.Rejected);
      return;
    }
    Instant expiry = Rfc3339.parse(r.expiryTime());
    if (!expiry.isAfter(clock.wallTime())) {
      result.complete(ReservationResult.Rejected);
      return;
    }
    Placed old = findReservation(r.reservationId());
    boolean oldOnSameEvse = false;
    if (old != null) {
      remove(old);
      persist();
      oldOnSameEvse = old.evseId != null && !r.isGlobal() && old.evseId.equals(r.evseId().get());
      if (old.evseId != null && !oldOnSameEvse) {
        cancelOnEvse(old.evseId); // A8
      }
    }
    ReservationResult check = r.isGlobal() ? checkGlobal(r.connectorTypeOrUnknown(), r.connectorType().isPresent())
        : checkSpecific(r.evseId().get(), r.connectorTypeOrUnknown());
    if (check != ReservationResult.Accepted) {
      if (oldOnSameEvse) {
        cancelOnEvse(old.evseId); // the replaced reservation is gone: the EVSE must not keep it
      }
      result.complete(check);
      return;
    }
    Placed p = add(r, r.isGlobal() ? null : r.evseId().get());
    persist();
    if (p.evseId == null) {
      publishUpdate(p.id(), ReservationStatus.Placed);
      evaluateBlocking();
      result.complete(ReservationResult.Accepted);
      return;
    }
    EvseRecord e = evses.get(p.evseId);
    askReserve(e, p.id(), accepted -> {
      if (!isHeld(p)) {
        result.complete(accepted ? ReservationResult.Accepted : ReservationResult.Rejected);
        return;
      }
      if (accepted) {
        p.confirmed = true;
        publishUpdate(p.id(), ReservationStatus.Placed);
        evaluateBlocking();
        result.complete(ReservationResult.Accepted);
      } else {
        remove(p);
        persist();
        evaluateBlocking();
        result.complete(ReservationResult.Rejected);
      }
    });
  }

  /** Spec 9.2 steps 3 to 8 for an EVSE-specific reservation. */
  private ReservationResult checkSpecific(int evseId, ConnectorTypeEnum type) {
    if (specific.containsKey(evseId)) {
      return ReservationResult.Occupied;
    }
    EvseRecord e = evses.get(evseId);
    if (e == null || !e.hasConnectorOfType(type)) {
      return ReservationResult.Rejected;
    }
    if (e.pluggedIn || e.connectors.stream().anyMatch(c -> c.state == ConnectorState.Occupied)) {
      return ReservationResult.Occupied;
    }
    if (e.connectors.stream().anyMatch(c -> c.state == ConnectorState.FaultedOccupied)) {
      return ReservationResult.Faulted;
    }
    if (!e.hasAvailableConnectorOfType(type)) {
      List<ConnectorState> states = e.connectors.stream()
          .filter(c -> EvseRecord.typesMatch(c.type, type)).map(c -> c.state).toList();
      if (states.contains(ConnectorState.Occupied)) {
        return ReservationResult.Occupied;
      }
      if (states.stream().anyMatch(s -> s == ConnectorState.Faulted || s == ConnectorState.UnavailableFaulted)) {
        return ReservationResult.Faulted;
      }
      return ReservationResult.Unavailable;
    }
    if (!globals.isEmpty()) {
      Set<Integer> withE = new TreeSet<>(specific.keySet());
      withE.add(evseId);
      if (!GlobalRoom.feasible(evses.values(), globalTypes(), withE)) {
        return ReservationResult.Occupied;
      }
    }
    return ReservationResult.Accepted;
  }

  /** Spec 9.2 steps 3 and 4 for a global reservation. */
  private ReservationResult checkGlobal(ConnectorTypeEnum type, boolean typeGiven) {
    if (typeGiven && evses.values().stream().noneMatch(e -> e.hasConnectorOfType(type))) {
      return ReservationResult.Rejected;
    }
    List<ConnectorTypeEnum> with = globalTypes();
    with.add(type);
    if (GlobalRoom.feasible(evses.values(), with, specific.keySet())) {
      return ReservationResult.Accepted;
    }
    if (!globals.isEmpty() || !specific.isEmpty()) {
      return ReservationResult.Occupied;
    }
    if (evses.values().stream().anyMatch(e -> e.pluggedIn)) {
      return ReservationResult.Occupied;
    }
    boolean faulted = false;
    for (EvseRecord e : evses.values()) {
      for (ConnectorRecord c : e.connectors) {
        if (c.state == ConnectorState.Available || !EvseRecord.typesMatch(c.type, type)) {
          continue;
        }
        if (c.state.occupied()) {
          return ReservationResult.Occupied;
        }
        faulted |= c.state.faulted();
      }
    }
    return faulted ? ReservationResult.Faulted : ReservationResult.Unavailable;
  }

  /** "Charging possible at X" (9.3) for a token without a matching reservation. */
  private boolean chargingPossible(int evseId) {
    if (!evses.containsKey(evseId) || specific.containsKey(evseId)) {
      return false;
    }
    Set<Integer> with = new TreeSet<>(specific.keySet());
    with.add(evseId);
    return GlobalRoom.feasible(evses.values(), globalTypes(), with);
  }

  /** Spec 9.6. */
  private Placed matchReservation(String value, Integer evseId, Optional<IdToken> parent) {
    if (evseId != null) {
      Placed own = specific.get(evseId);
      if (own != null) {
        return matches(own.reservation, value, parent) ? own : null;
      }
    }
    for (Placed g : globals) {
      if (matches(g.reservation, value, parent)) {
        return g;
      }
    }
    return null;
  }

  private static boolean matches(Reservation r, String value, Optional<IdToken> parent) {
    return eq(r.idToken(), value)
        || (parent.isPresent() && r.parentIdToken().isPresent() && eq(parent.get().value(), r.parentIdToken().get()));
  }

  private List<ConnectorTypeEnum> globalTypes() {
    List<ConnectorTypeEnum> out = new ArrayList<>();
    for (Placed g : globals) {
      out.add(g.type());
    }
    return out;
  }

  private Placed findReservation(int id) {
    for (Placed p : specific.values()) {
      if (p.id() == id) {
        return p;
      }
    }
    for (Placed g : globals) {
      if (g.id() == id) {
        return g;
      }
    }
    return null;
  }

  private boolean isHeld(Placed p) {
    return p.evseId != null ? specific.get(p.evseId) == p : globals.contains(p);
  }

  private Placed add(Reservation r, Integer evseId) {
    Placed p = new Placed(r, evseId);
    if (evseId != null) {
      specific.put(evseId, p);
    } else {
      globals.add(p);
    }
    long delay = Duration.between(clock.wallTime(), Rfc3339.parse(r.expiryTime())).toMillis();
    p.expiry = loop.schedule(Math.max(0, delay), () -> expire(p));
    return p;
  }

  private void remove(Placed p) {
    p.expiry.cancel();
    if (p.evseId != null) {
      specific.remove(p.evseId, p);
    } else {
      globals.remove(p);
    }
  }

  private void expire(Placed p) {
    if (!isHeld(p)) {
      return;
    }
    remove(p);
    persist();
    if (p.evseId != null) {
      cancelOnEvse(p.evseId);
    }
    publishUpdate(p.id(), ReservationStatus.Expired);
    evaluateBlocking();
  }

  /** Auth ends a reservation because of EVSE state: {@code Removed} (9.7). */
  private void cancelByAuth(Placed p) {
    if (!isHeld(p)) {
      return;
    }
    remove(p);
    persist();
    if (p.evseId != null) {
      cancelOnEvse(p.evseId);
    }
    publishUpdate(p.id(), ReservationStatus.Removed);
    evaluateBlocking();
  }

  /** Spec 9.10: places the stored reservations again. */
  private void restore(List<StoredReservation> stored) {
    for (StoredReservation s : stored) {
      Reservation r = s.reservation();
      Integer evseId = s.evseId().filter(id -> id >= 0).orElse(null);
      ReservationResult check;
      if (!Rfc3339.parse(r.expiryTime()).isAfter(clock.wallTime())) {
        check = ReservationResult.Rejected;
      } else if (findReservation(r.reservationId()) != null) {
        check = ReservationResult.Rejected;
      } else if (evseId == null) {
        check = checkGlobal(r.connectorTypeOrUnknown(), r.connectorType().isPresent());
      } else {
        check = checkSpecific(evseId, r.connectorTypeOrUnknown());
      }
      if (check != ReservationResult.Accepted) {
        LOG.info("stored reservation {} could not be restored: {}", r.reservationId(), check);
        publishUpdate(r.reservationId(), ReservationStatus.Removed);
        if (evseId != null && evses.containsKey(evseId)) {
          cancelOnEvse(evseId);
        }
        continue;
      }
      Placed p = add(r, evseId);
      if (evseId != null) { // A7
        askReserve(evses.get(evseId), p.id(), accepted -> {
          if (!isHeld(p)) {
            return;
          }
          if (accepted) {
            p.confirmed = true;
          } else {
            cancelByAuth(p);
          }
        });
      }
    }
    persist();
  }

  /** Spec 9.8: marks the EVSEs that are the last room for global reservations. */
  private void evaluateBlocking() {
    if (!started) {
      return;
    }
    List<EvseRecord> candidates = new ArrayList<>();
    for (EvseRecord e : evses.values()) {
      if (e.couldTakeACar() && !specific.containsKey(e.evseId) && e.anyConnectorAvailable()) {
        candidates.add(e);
      }
    }
    Set<Integer> now = new TreeSet<>();
    if (candidates.size() == globals.size()) {
      candidates.forEach(e -> now.add(e.evseId));
    } else {
      for (Placed g : globals) {
        List<ConnectorTypeEnum> oneMore = globalTypes();
        oneMore.add(g.type());
        if (!GlobalRoom.feasible(evses.values(), oneMore, specific.keySet())) {
          for (EvseRecord e : candidates) {
            if (e.hasConnectorOfType(g.type())) {
              now.add(e.evseId);
            }
          }
        }
      }
    }
    Set<Integer> inA = new HashSet<>();
    candidates.forEach(e -> inA.add(e.evseId));
    for (int id : now) {
      if (!blocked.contains(id)) {
        EvseRecord e = evses.get(id);
        askReserve(e, -1, accepted -> {
          if (!accepted) {
            LOG.info("{} refused reserve(-1) for global reservations", e); // A10
          }
        });
      }
    }
    for (int id : blocked) {
      if (!now.contains(id) && inA.contains(id)) {
        cancelOnEvse(id);
      }
    }
    blocked = now;
  }

  private void persist() {
    try {
      store.save(storedForm());
    } catch (RuntimeException e) {
      LOG.warn("reservations could not be stored", e);
    }
  }

  private List<StoredReservation> storedForm() {
    List<StoredReservation> out = new ArrayList<>();
    for (Placed p : specific.values()) {
      out.add(new StoredReservation(Optional.of(p.evseId), p.reservation));
    }
    for (Placed g : globals) {
      out.add(new StoredReservation(Optional.empty(), g.reservation));
    }
    return out;
  }

  // ------------------------------------------------------------------ calls and output

  private void askReserve(EvseRecord e, int id, Consumer<Boolean> then) {
    CompletableFuture<Boolean> answer;
    try {
      answer = e.commands.reserve(id);
    } catch (RuntimeException ex) {
      answer = CompletableFuture.failedFuture(ex);
    }
    answer.whenComplete((ok, error) -> loop.post(() -> {
      if (error != null) {
        LOG.warn("{}: reserve({}) failed", e, id, error);
      }
      then.accept(error == null && Boolean.TRUE.equals(ok));
    }));
  }

  private void cancelOnEvse(int evseId) {
    EvseRecord e = evses.get(evseId);
    if (e != null) {
      send(e, "cancel_reservation", e.commands::cancelReservation);
    }
  }

  private void stop(EvseRecord e, StopTransactionReason reason, ProvidedIdToken idTag) {
    StopTransactionRequest request = new StopTransactionRequest(reason, Optional.of(idTag));
    send(e, "stop_transaction", () -> e.commands.stopTransaction(request));
  }

  /** Sends a command whose answer Auth does not use; failures are logged. */
  private void send(EvseRecord e, String name, Supplier<? extends CompletableFuture<?>> call) {
    try {
      call.get().whenComplete((v, error) -> {
        if (error != null) {
          LOG.warn("{}: {} failed", e, name, error);
        }
      });
    } catch (RuntimeException ex) {
      LOG.warn("{}: {} failed", e, name, ex);
    }
  }

  private void publish(ProvidedIdToken token, TokenValidationStatus status, List<MessageContent> messages) {
    TokenValidationStatusMessage msg = new TokenValidationStatusMessage(token, status, Optional.of(messages));
    for (Consumer<TokenValidationStatusMessage> l : statusListeners) {
      try {
        l.accept(msg);
      } catch (RuntimeException e) {
        LOG.warn("token_validation_status listener failed", e);
      }
    }
  }

  private void publishUpdate(int reservationId, ReservationStatus status) {
    ReservationUpdateStatus update = new ReservationUpdateStatus(reservationId, status);
    for (Consumer<ReservationUpdateStatus> l : reservationListeners) {
      try {
        l.accept(update);
      } catch (RuntimeException e) {
        LOG.warn("reservation_update listener failed", e);
      }
    }
  }

  // ------------------------------------------------------------------ helpers

  private boolean isMasterPass(IdToken parent) {
    return !masterPassGroupId.isEmpty() && eq(parent.value(), masterPassGroupId);
  }

  /** ASCII case-insensitive equality of token values (spec 5.17). */
  static boolean eq(String a, String b) {
    return a.length() == b.length() && a.regionMatches(true, 0, b, 0, a.length());
  }

  /** Value equal ignoring case and the same {@code IdTokenType}. */
  private static boolean sameToken(IdToken a, IdToken b) {
    return a.type() == b.type() && eq(a.value(), b.value());
  }

  private static ProvidedIdToken withParent(ProvidedIdToken t, Optional<IdToken> parent) {
    if (parent.isEmpty()) {
      return t;
    }
    return new ProvidedIdToken(t.requestId(), t.idToken(), parent, t.authorizationType(), t.connectors(),
        t.prevalidated(), t.certificate(), t.iso15118CertificateHashData());
  }

  private static ProvidedIdToken withConnectors(ProvidedIdToken t, List<Integer> connectors) {
    return new ProvidedIdToken(t.requestId(), t.idToken(), t.parentIdToken(), t.authorizationType(),
        Optional.of(connectors), t.prevalidated(), t.certificate(), t.iso15118CertificateHashData());
  }

  private static ValidationResult withStatus(ValidationResult r, AuthorizationStatus status) {
    return new ValidationResult(status, r.certificateStatus(), r.tariffMessages(), r.expiryTime(),
        r.parentIdToken(), r.evseIds(), r.reservationId(), r.allowedEnergyTransferModes());
  }

  private static ValidationResult withReservationId(ValidationResult r, int reservationId) {
    return new ValidationResult(r.authorizationStatus(), r.certificateStatus(), r.tariffMessages(), r.expiryTime(),
        r.parentIdToken(), r.evseIds(), Optional.of(reservationId), r.allowedEnergyTransferModes());
  }
}
