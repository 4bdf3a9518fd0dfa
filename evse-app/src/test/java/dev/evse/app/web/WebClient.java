package dev.evse.app.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** HTTP and WebSocket access to a dashboard, with java.net.http. */
final class WebClient {
  static final ObjectMapper JSON = new ObjectMapper();
  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  final String base;

  WebClient(Dashboard d) {
    this.base = "http://127.0.0.1:" + d.port();
  }

  HttpResponse<String> get(String path, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10)).GET();
    if (headers.length > 0) {
      b.headers(headers);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> post(String path, String body, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
    if (headers.length > 0) {
      b.headers(headers);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** A control as the page sends it; returns the JSON answer. */
  JsonNode control(int evse, String action, String body) throws Exception {
    HttpResponse<String> r = post("/api/evse/" + evse + "/" + action, body, Dashboard.CSRF_HEADER, "1");
    JsonNode j = JSON.readTree(r.body());
    ((com.fasterxml.jackson.databind.node.ObjectNode) j).put("status", r.statusCode());
    return j;
  }

  /** A WebSocket that queues every message it receives. */
  Socket socket(String... headers) throws Exception {
    Socket s = new Socket();
    WebSocket.Builder b = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
    for (int i = 0; i + 1 < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    s.ws = b.buildAsync(URI.create(base.replace("http:", "ws:") + "/ws"), s).get(10, TimeUnit.SECONDS);
    return s;
  }

  static final class Socket implements WebSocket.Listener, AutoCloseable {
    final LinkedBlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
    final List<JsonNode> seen = new ArrayList<>();
    volatile boolean closed;
    WebSocket ws;
    private final StringBuilder partial = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        try {
          messages.add(JSON.readTree(partial.toString()));
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
        partial.setLength(0);
      }
      webSocket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
      closed = true;
      return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
      closed = true;
    }

    /** The first message (received from now on or queued) that matches, within the timeout. */
    JsonNode await(Predicate<JsonNode> match, long timeoutMs, String what) throws InterruptedException {
      long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
      while (true) {
        long left = end - System.nanoTime();
        JsonNode m = left > 0 ? messages.poll(left, TimeUnit.NANOSECONDS) : null;
        if (m == null) {
          throw new AssertionError("no " + what + " within " + timeoutMs + " ms; last messages: "
              + seen.subList(Math.max(0, seen.size() - 3), seen.size()));
        }
        seen.add(m);
        if (match.test(m)) {
          return m;
        }
      }
    }

    /** The first state message whose card of {@code evse} matches. */
    JsonNode awaitCard(int evse, Predicate<JsonNode> match, long timeoutMs, String what) throws InterruptedException {
      JsonNode state = await(m -> "state".equals(m.path("type").asText()) && card(m, evse) != null
          && match.test(card(m, evse)), timeoutMs, what);
      return card(state, evse);
    }

    static JsonNode card(JsonNode state, int evse) {
      for (JsonNode c : state.path("evses")) {
        if (c.path("id").asInt() == evse) {
          return c;
        }
      }
      return null;
    }

    @Override
    public void close() {
      if (ws != null) {
        ws.abort();
      }
    }
  }
}
