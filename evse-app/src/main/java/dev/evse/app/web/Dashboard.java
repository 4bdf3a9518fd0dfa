package dev.evse.app.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.evse.api.EvseManagerListener;
import dev.evse.api.types.SessionEvent;
import dev.evse.core.EvseManager;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.UnauthorizedResponse;
import io.javalin.util.JavalinBindException;
import io.javalin.websocket.WsContext;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.websocket.api.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live web dashboard of the simulated EVSEs: one card per EVSE (charger state, CP state, PWM,
 * relays, lock, errors, the current session and a chart of current per phase and power), a
 * timeline of session events and the session history, with controls for the simulated car and the
 * kernel.
 *
 * <pre>{@code
 * Dashboard web = Dashboard.start(DashboardOptions.defaults(),
 *     List.of(DashboardStation.of(station, amps -> supply.setMaxCurrent(amps))), Optional.empty());
 * System.out.println("dashboard: " + web.url());
 * ...
 * web.close();
 * }</pre>
 *
 * <p>HTTP interface: {@code GET /} the page; {@code GET /ws} the WebSocket that pushes updates
 * (protocol in {@link DashboardJson}); {@code GET /api/state} and {@code GET /api/history} the
 * last {@code state} and {@code history} messages; {@code POST /api/evse/{id}/{action}} a control
 * (actions in {@link StationControls}) answering {@code {"ok":bool,"message":text}}; a POST must
 * carry the header {@value #CSRF_HEADER} (a page of another site cannot send it).
 *
 * <p>Security: see {@link DashboardOptions}. Bound to loopback, requests must name a loopback host
 * (no DNS rebinding); with a password every request needs basic auth (any user name) or the
 * session cookie set after it; WebSocket upgrades and POSTs from another origin are refused.
 *
 * <p>Threads: kernel listeners run on the EVSEs' loops and only hand their events to the
 * dashboard's own thread, which keeps all dashboard state; the loops are never blocked.
 */
public final class Dashboard implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Dashboard.class);

  /** The header every control POST must carry (any value). */
  public static final String CSRF_HEADER = "X-EVSE-Dashboard";
  static final String COOKIE = "evse_dashboard";
  static final int TIMELINE_MAX = 300;
  static final int HISTORY_PER_EVSE = 20;
  static final int MEMORY_HISTORY_MAX = 200;
  /** A page that does not read its messages is dropped past this many unsent ones. */
  static final int MAX_PENDING_SENDS = 64;
  private static final long COMMAND_TIMEOUT_MS = 5000;

  private final DashboardOptions options;
  private final Optional<SessionHistory> history;
  private final List<StationView> views = new ArrayList<>();
  private final Map<Integer, StationView> byId = new LinkedHashMap<>();
  private final ScheduledExecutorService exec;
  private final Map<String, Client> clients = new LinkedHashMap<>();
  private final Deque<SessionTracker.TimelineEntry> timeline = new ArrayDeque<>();
  private final Deque<SessionSummary> seen = new ArrayDeque<>();
  private final List<Runnable> detach = new ArrayList<>();
  private final String cookieToken;
  private final Assets assets;
  private Javalin app;
  private ObjectNode lastHistory;
  private boolean refreshing;
  private boolean refreshAgain;
  private volatile boolean closed;

  private record Client(WsContext ctx, AtomicInteger pending) {}

  private Dashboard(DashboardOptions options, List<DashboardStation> stations, Optional<SessionHistory> history) {
    this.options = options;
    this.history = history;
    for (DashboardStation s : stations) {
      StationView v = new StationView(s);
      if (byId.putIfAbsent(v.id(), v) != null) {
        throw new DashboardStartException("two EVSEs have connector id " + v.id() + ": the dashboard needs distinct ids");
      }
      views.add(v);
    }
    this.assets = Assets.load();
    this.exec = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "evse-dashboard");
      t.setDaemon(true);
      return t;
    });
    byte[] token = new byte[24];
    new SecureRandom().nextBytes(token);
    this.cookieToken = Base64.getUrlEncoder().withoutPadding().encodeToString(token);
  }

  /**
   * Starts the dashboard on {@code options}' address and port.
   *
   * @param history the persistent session store, if any; without one the history shows the
   *     sessions finished since start (it shows those too, with one, until the store has them)
   * @throws DashboardStartException when the options are unsafe or the port cannot be bound (the
   *     message names the port and the option to change it)
   */
  public static Dashboard start(DashboardOptions options, List<DashboardStation> stations,
      Optional<SessionHistory> history) {
    options.check();
    Dashboard d = new Dashboard(options, List.copyOf(stations), history);
    try {
      d.startServer();
    } catch (RuntimeException e) {
      d.close();
      throw e;
    }
    d.attach();
    return d;
  }

  /** The page's address, e.g. {@code http://127.0.0.1:8080/} (a wildcard bind shows localhost). */
  public String url() {
    String host = options.bindAddress();
    try {
      InetAddress a = InetAddress.getByName(host);
      if (a.isAnyLocalAddress()) {
        host = "localhost";
      } else if (host.contains(":")) {
        host = "[" + host + "]";
      }
    } catch (IOException e) {
      // keep the name as given
    }
    return "http://" + host + ":" + port() + "/";
  }

  /** The port bound (the free one picked when the options said 0). */
  public int port() {
    return app.port();
  }

  /** Stops the server, detaches from the kernels and ends the dashboard's thread. Idempotent. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    detach.forEach(Runnable::run);
    if (app != null) {
      try {
        app.stop();
      } catch (RuntimeException e) {
        LOG.warn("dashboard: stopping the web server failed", e);
      }
    }
    exec.shutdownNow();
  }

  // ---------------------------------------------------------------- server

  private void startServer() {
    app = Javalin.create(cfg -> {
      cfg.startup.showJavalinBanner = false;
      cfg.startup.showOldJavalinVersionWarning = false;
      cfg.jetty.host = options.bindAddress();
      cfg.jetty.port = options.port();
      cfg.routes.before(this::guard);
      cfg.routes.wsBeforeUpgrade("/ws", this::guardUpgrade);
      cfg.routes.get("/", ctx -> {
        // no framing (a framed page could be clicked into stopping a session), no foreign code
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
            + "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'");
        asset(ctx, assets.index, "text/html; charset=utf-8", false);
      });
      cfg.routes.get("/assets/app.js", ctx -> asset(ctx, assets.appJs, "text/javascript; charset=utf-8", false));
      cfg.routes.get("/assets/app.css", ctx -> asset(ctx, assets.appCss, "text/css; charset=utf-8", false));
      cfg.routes.get("/vendor/uplot.js", ctx -> asset(ctx, assets.uplotJs, "text/javascript; charset=utf-8", true));
      cfg.routes.get("/vendor/uplot.css", ctx -> asset(ctx, assets.uplotCss, "text/css; charset=utf-8", true));
      cfg.routes.get("/api/state", ctx -> json(ctx, 200, onExec(this::stateMessage)));
      cfg.routes.get("/api/history", ctx -> json(ctx, 200, onExec(() -> lastHistory)));
      cfg.routes.post("/api/evse/{id}/{action}", this::control);
      cfg.routes.ws("/ws", ws -> {
        ws.onConnect(ctx -> {
          ctx.enableAutomaticPings(15, TimeUnit.SECONDS);
          submit(() -> welcome(ctx));
        });
        ws.onMessage(ctx -> { });
        ws.onClose(ctx -> submit(() -> clients.remove(ctx.sessionId())));
        ws.onError(ctx -> submit(() -> clients.remove(ctx.sessionId())));
      });
    });
    try {
      app.start();
    } catch (JavalinBindException e) {
      throw new DashboardStartException("the dashboard cannot listen on " + options.bindAddress() + ":" + options.port()
          + ": port " + options.port() + " is already in use; choose another with " + DashboardOptions.PORT_OPTION
          + " PORT (" + DashboardOptions.PORT_OPTION + " 0 picks a free one)", e);
    } catch (RuntimeException e) {
      throw new DashboardStartException("the dashboard cannot listen on " + options.bindAddress() + ":" + options.port()
          + " (" + rootMessage(e) + "); check " + DashboardOptions.BIND_OPTION + " and " + DashboardOptions.PORT_OPTION, e);
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
  }

  /** Listens to the kernels and starts the periodic refresh. */
  private void attach() {
    for (StationView v : views) {
      EvseManager evse = v.station().station().evse();
      EvseManagerListener l = new EvseManagerListener() {
        @Override
        public void onSessionEvent(SessionEvent event) {
          submit(() -> sessionEvent(v, event));
        }
      };
      evse.addListener(l);
      detach.add(() -> evse.removeListener(l));
    }
    submit(this::refreshHistory);
    exec.scheduleAtFixedRate(() -> {
      try {
        requestRefresh();
      } catch (RuntimeException e) {
        // never let one failure end the periodic push
        refreshing = false;
        LOG.warn("dashboard: refresh failed: {}", e.toString(), e);
      }
    }, 0, 1000, TimeUnit.MILLISECONDS);
  }

  private void submit(Runnable task) {
    try {
      exec.execute(() -> {
        try {
          task.run();
        } catch (RuntimeException e) {
          LOG.warn("dashboard: {}", e.toString(), e);
        }
      });
    } catch (RejectedExecutionException e) {
      // closed
    }
  }

  private <T> T onExec(java.util.concurrent.Callable<T> work) throws Exception {
    try {
      return exec.submit(work).get(COMMAND_TIMEOUT_MS, TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception ex ? ex : e;
    }
  }

  // ---------------------------------------------------------------- security

  private void guard(Context ctx) {
    if (options.isLoopback() && !loopbackHost(ctx.header("Host"))) {
      throw new ForbiddenResponse("this dashboard answers to loopback host names only");
    }
    if (options.password().isPresent()) {
      boolean byCookie = constantEquals(ctx.cookie(COOKIE), cookieToken);
      if (!byCookie) {
        if (!basicAuthOk(ctx.header("Authorization"))) {
          ctx.header("WWW-Authenticate", "Basic realm=\"EVSE dashboard\", charset=\"UTF-8\"");
          throw new UnauthorizedResponse("the dashboard needs its password");
        }
        ctx.header("Set-Cookie", COOKIE + "=" + cookieToken + "; Path=/; HttpOnly; SameSite=Strict");
      }
    }
  }

  private void guardUpgrade(Context ctx) {
    guard(ctx);
    if (!sameOrigin(ctx)) {
      throw new ForbiddenResponse("WebSocket from another origin");
    }
  }

  private static boolean sameOrigin(Context ctx) {
    String origin = ctx.header("Origin");
    if (origin == null) {
      return true; // not a browser
    }
    String host = ctx.header("Host");
    try {
      URI u = URI.create(origin);
      return host != null && u.getRawAuthority() != null && u.getRawAuthority().equalsIgnoreCase(host);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private boolean basicAuthOk(String header) {
    if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
      return false;
    }
    String decoded;
    try {
      decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return false;
    }
    int colon = decoded.indexOf(':');
    return colon >= 0 && constantEquals(decoded.substring(colon + 1), options.password().orElseThrow());
  }

  private static boolean constantEquals(String a, String b) {
    if (a == null || b == null) {
      return false;
    }
    return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }

  /** Whether a Host header names this machine's loopback (no DNS: a literal or localhost). */
  static boolean loopbackHost(String hostHeader) {
    if (hostHeader == null) {
      return true;
    }
    String h = hostHeader.trim().toLowerCase(Locale.ROOT);
    if (h.startsWith("[")) {
      int end = h.indexOf(']');
      return end > 0 && h.substring(1, end).equals("::1");
    }
    int colon = h.lastIndexOf(':');
    if (colon >= 0) {
      h = h.substring(0, colon);
    }
    return h.equals("localhost") || h.endsWith(".localhost") || h.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
  }

  // ---------------------------------------------------------------- HTTP handlers

  private static void asset(Context ctx, byte[] body, String type, boolean immutable) {
    ctx.header("Cache-Control", immutable ? "public, max-age=86400" : "no-cache");
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.contentType(type).result(body);
  }

  private static void json(Context ctx, int status, JsonNode body) {
    ctx.status(status).header("Cache-Control", "no-store").contentType("application/json")
        .result(body == null ? "null" : body.toString());
  }

  private static void answer(Context ctx, int status, boolean ok, String message) {
    json(ctx, status, DashboardJson.MAPPER.createObjectNode().put("ok", ok).put("message", message));
  }

  private void control(Context ctx) {
    if (ctx.header(CSRF_HEADER) == null || !sameOrigin(ctx)) {
      answer(ctx, 403, false, "controls need the " + CSRF_HEADER + " header and this page's origin");
      return;
    }
    StationView view;
    try {
      view = byId.get(Integer.parseInt(ctx.pathParam("id")));
    } catch (NumberFormatException e) {
      view = null;
    }
    if (view == null) {
      answer(ctx, 404, false, "no EVSE " + ctx.pathParam("id") + "; EVSEs: " + byId.keySet());
      return;
    }
    String action = ctx.pathParam("action");
    if (!StationControls.ACTIONS.contains(action)) {
      answer(ctx, 404, false, "unknown action '" + action + "'; one of " + StationControls.ACTIONS);
      return;
    }
    JsonNode body;
    try {
      String text = ctx.body();
      body = text.isBlank() ? DashboardJson.MAPPER.createObjectNode() : DashboardJson.MAPPER.readTree(text);
      if (!body.isObject()) {
        throw new IOException("not an object");
      }
    } catch (IOException e) {
      answer(ctx, 400, false, "the body must be a JSON object");
      return;
    }
    StationControls.Result result;
    try {
      result = StationControls.run(view.station(), action, body).get(COMMAND_TIMEOUT_MS, TimeUnit.MILLISECONDS);
    } catch (IllegalArgumentException e) {
      answer(ctx, 400, false, e.getMessage());
      return;
    } catch (TimeoutException e) {
      answer(ctx, 504, false, "the EVSE did not answer within " + COMMAND_TIMEOUT_MS + " ms");
      return;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      answer(ctx, 503, false, "interrupted");
      return;
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      int status = cause instanceof IllegalArgumentException ? 400 : 500;
      answer(ctx, status, false, String.valueOf(cause.getMessage()));
      return;
    }
    StationView v = view;
    StationControls.Result r = result;
    submit(() -> {
      addTimeline(new SessionTracker.TimelineEntry(now(v).toEpochMilli(), v.id(), "control", action,
          "Dashboard: " + action + " – " + r.message()));
      requestRefresh();
    });
    answer(ctx, 200, r.ok(), r.message());
  }

  // ---------------------------------------------------------------- state (dashboard thread)

  private static Instant now(StationView v) {
    return v.station().station().evse().loop().clock().wallTime();
  }

  private void sessionEvent(StationView v, SessionEvent e) {
    SessionTracker.Outcome o = v.tracker().onSessionEvent(e, now(v));
    addTimeline(o.entry());
    o.finished().ifPresent(s -> {
      seen.addFirst(s);
      while (seen.size() > MEMORY_HISTORY_MAX) {
        seen.removeLast();
      }
      refreshHistory();
      // the store may record the session a moment after the event: look again
      exec.schedule(() -> submit(this::refreshHistory), 1500, TimeUnit.MILLISECONDS);
    });
    requestRefresh();
  }

  private void addTimeline(SessionTracker.TimelineEntry entry) {
    timeline.addLast(entry);
    while (timeline.size() > TIMELINE_MAX) {
      timeline.removeFirst();
    }
    broadcast(DashboardJson.events(List.of(entry)).toString());
  }

  /** Asks every kernel for its status, then pushes a {@code state} message (coalesced). */
  private void requestRefresh() {
    if (closed) {
      return;
    }
    if (refreshing) {
      refreshAgain = true;
      return;
    }
    refreshing = true;
    List<CompletableFuture<Void>> parts = new ArrayList<>();
    for (StationView v : views) {
      parts.add(v.station().station().evse().status()
          .orTimeout(COMMAND_TIMEOUT_MS, TimeUnit.MILLISECONDS)
          .thenAcceptAsync(st -> {
            HardwareReading hw = HardwareReading.read(v.station().station().hardware());
            v.apply(st, hw, now(v)).forEach(this::addTimeline);
          }, exec)
          .exceptionally(err -> {
            LOG.debug("dashboard: no status from EVSE {}: {}", v.id(), err.toString());
            return null;
          }));
    }
    CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new)).whenCompleteAsync((x, err) -> {
      refreshing = false;
      broadcast(stateMessage().toString());
      if (refreshAgain) {
        refreshAgain = false;
        requestRefresh();
      }
    }, exec);
  }

  private ObjectNode stateMessage() {
    ObjectNode n = DashboardJson.message("state");
    n.put("t", views.isEmpty() ? System.currentTimeMillis() : now(views.get(0)).toEpochMilli());
    ArrayNode evses = n.putArray("evses");
    for (StationView v : views) {
      if (v.card() != null) {
        evses.add(v.card());
      }
    }
    return n;
  }

  private void refreshHistory() {
    List<SessionSummary> all = new ArrayList<>();
    Set<String> uuids = new HashSet<>();
    String source = "memory";
    String note = "no session store: sessions finished since start";
    if (history.isPresent()) {
      source = "store";
      note = "";
      for (StationView v : views) {
        try {
          for (SessionSummary s : history.get().recent(v.id(), HISTORY_PER_EVSE)) {
            if (uuids.add(s.uuid())) {
              all.add(s);
            }
          }
        } catch (RuntimeException e) {
          LOG.warn("dashboard: session store failed: {}", e.toString());
          note = "session store failed (" + e.getMessage() + "): showing sessions since start";
        }
      }
    }
    for (SessionSummary s : seen) {
      if (uuids.add(s.uuid())) {
        all.add(s);
      }
    }
    all.sort((a, b) -> b.end().compareTo(a.end()));
    if (all.size() > HISTORY_PER_EVSE * Math.max(1, views.size())) {
      all = new ArrayList<>(all.subList(0, HISTORY_PER_EVSE * Math.max(1, views.size())));
    }
    lastHistory = DashboardJson.history(source, note, all);
    broadcast(lastHistory.toString());
  }

  private void welcome(WsContext ctx) {
    Client c = new Client(ctx, new AtomicInteger());
    clients.put(ctx.sessionId(), c);
    send(c, DashboardJson.hello(views, history.isPresent(), StationControls.ERROR_TYPES).toString());
    for (StationView v : views) {
      send(c, v.samplesJson().toString());
    }
    send(c, DashboardJson.events(timeline).toString());
    if (lastHistory != null) {
      send(c, lastHistory.toString());
    }
    send(c, stateMessage().toString());
  }

  private void broadcast(String text) {
    for (Client c : List.copyOf(clients.values())) {
      send(c, text);
    }
  }

  private void send(Client c, String text) {
    if (!c.ctx().session.isOpen()) {
      clients.remove(c.ctx().sessionId());
      return;
    }
    if (c.pending().incrementAndGet() > MAX_PENDING_SENDS) {
      LOG.info("dashboard: dropping a page that does not keep up");
      clients.remove(c.ctx().sessionId());
      c.ctx().closeSession(1008, "too slow");
      return;
    }
    c.ctx().session.sendText(text, Callback.from(c.pending()::decrementAndGet, err -> c.pending().decrementAndGet()));
  }

  // ---------------------------------------------------------------- assets

  /** The page, its script and style, and uPlot from its WebJar, read once at start. */
  private record Assets(byte[] index, byte[] appJs, byte[] appCss, byte[] uplotJs, byte[] uplotCss) {
    static final String UPLOT_POM = "META-INF/maven/org.webjars.npm/uplot/pom.properties";

    static Assets load() {
      String version;
      try (InputStream in = resource(UPLOT_POM)) {
        Properties p = new Properties();
        p.load(in);
        version = p.getProperty("version");
      } catch (IOException e) {
        throw new DashboardStartException("the uPlot WebJar is broken: " + e.getMessage(), e);
      }
      String dist = "META-INF/resources/webjars/uplot/" + version + "/dist/";
      return new Assets(read("web/index.html"), read("web/app.js"), read("web/app.css"),
          read(dist + "uPlot.iife.min.js"), read(dist + "uPlot.min.css"));
    }

    private static InputStream resource(String path) {
      InputStream in = Dashboard.class.getClassLoader().getResourceAsStream(path);
      if (in == null) {
        throw new DashboardStartException("the dashboard's resource " + path + " is missing from the class path");
      }
      return in;
    }

    private static byte[] read(String path) {
      try (InputStream in = resource(path)) {
        return in.readAllBytes();
      } catch (IOException e) {
        throw new DashboardStartException("cannot read the dashboard's resource " + path + ": " + e.getMessage(), e);
      }
    }
  }
}
