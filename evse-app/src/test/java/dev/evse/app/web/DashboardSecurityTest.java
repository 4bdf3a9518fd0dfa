package dev.evse.app.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Binding, passwords, origins and the port-in-use message. */
@Timeout(60)
class DashboardSecurityTest {

  private static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void defaultsAreLoopbackOnPort8080WithoutPassword() {
    DashboardOptions d = DashboardOptions.defaults();
    assertThat(d.bindAddress()).isEqualTo("127.0.0.1");
    assertThat(d.port()).isEqualTo(8080);
    assertThat(d.password()).isEmpty();
    assertThat(d.isLoopback()).isTrue();
    d.check();
    assertThat(d.withPassword("secret").toString()).doesNotContain("secret");
  }

  @Test
  void bindingElsewhereNeedsAPassword() {
    DashboardOptions open = new DashboardOptions("0.0.0.0", 0, Optional.empty());
    assertThat(open.isLoopback()).isFalse();
    assertThatThrownBy(open::check).isInstanceOf(DashboardStartException.class)
        .hasMessageContaining(DashboardOptions.PASSWORD_OPTION).hasMessageContaining("0.0.0.0");
    assertThatThrownBy(() -> Dashboard.start(open, List.of(), Optional.empty()))
        .isInstanceOf(DashboardStartException.class);
    open.withPassword("pw").check();
    assertThatThrownBy(() -> new DashboardOptions("127.0.0.1", 70000, Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(DashboardOptions.PORT_OPTION);
    assertThatThrownBy(() -> new DashboardOptions("127.0.0.1", 0, Optional.of("")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aPortInUseGivesAClearError() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
      int port = taken.getLocalPort();
      assertThatThrownBy(() -> Dashboard.start(DashboardOptions.loopback(port), List.of(), Optional.empty()))
          .isInstanceOf(DashboardStartException.class)
          .hasMessageContaining("port " + port + " is already in use")
          .hasMessageContaining(DashboardOptions.PORT_OPTION);
    }
  }

  @Test
  void twoEvsesWithOneIdAreRefused() {
    try (TestStations ts = new TestStations(1, false)) {
      DashboardStation s = ts.dashboardStations.get(0);
      assertThatThrownBy(() -> Dashboard.start(DashboardOptions.loopback(0), List.of(s, s), Optional.empty()))
          .isInstanceOf(DashboardStartException.class).hasMessageContaining("connector id 1");
    }
  }

  @Test
  void boundElsewhereEveryRequestNeedsThePassword() throws Exception {
    DashboardOptions options = new DashboardOptions("0.0.0.0", 0, Optional.of("s3cret"));
    try (TestStations ts = new TestStations(1);
        Dashboard d = Dashboard.start(options, ts.dashboardStations, Optional.empty())) {
      assertThat(d.url()).isEqualTo("http://localhost:" + d.port() + "/");
      WebClient c = new WebClient(d);
      HttpResponse<String> none = c.get("/");
      assertThat(none.statusCode()).isEqualTo(401);
      assertThat(none.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));
      assertThat(c.get("/", "Authorization", basic("evse", "wrong")).statusCode()).isEqualTo(401);
      assertThat(c.get("/api/state").statusCode()).isEqualTo(401);
      assertThat(c.post("/api/evse/1/disable", "{}", Dashboard.CSRF_HEADER, "1").statusCode()).isEqualTo(401);

      HttpResponse<String> ok = c.get("/", "Authorization", basic("anyone", "s3cret"));
      assertThat(ok.statusCode()).isEqualTo(200);
      String cookie = ok.headers().firstValue("Set-Cookie").orElseThrow();
      assertThat(cookie).startsWith(Dashboard.COOKIE + "=").contains("HttpOnly").contains("SameSite=Strict");
      String cookiePair = cookie.substring(0, cookie.indexOf(';'));
      assertThat(c.get("/api/state", "Cookie", cookiePair).statusCode()).isEqualTo(200);
      assertThat(c.get("/api/state", "Cookie", Dashboard.COOKIE + "=forged").statusCode()).isEqualTo(401);

      assertThatThrownBy(() -> c.socket()).hasStackTraceContaining("401");
      try (WebClient.Socket ws = c.socket("Authorization", basic("evse", "s3cret"))) {
        assertThat(ws.await(m -> true, 5000, "hello").path("type").asText()).isEqualTo("hello");
      }
      try (WebClient.Socket ws = c.socket("Cookie", cookiePair)) {
        assertThat(ws.await(m -> true, 5000, "hello").path("type").asText()).isEqualTo("hello");
      }
      HttpResponse<String> disable = c.post("/api/evse/1/disable", "{}", Dashboard.CSRF_HEADER, "1",
          "Authorization", basic("evse", "s3cret"));
      assertThat(disable.statusCode()).isEqualTo(200);
      JsonNode answer = WebClient.JSON.readTree(disable.body());
      assertThat(answer.path("ok").asBoolean()).isTrue();
    }
  }

  @Test
  void onLoopbackOtherHostNamesAndOriginsAreRefused() throws Exception {
    try (TestStations ts = new TestStations(1);
        Dashboard d = Dashboard.start(DashboardOptions.loopback(0), ts.dashboardStations, Optional.empty())) {
      assertThat(rawStatus(d.port(), "GET / HTTP/1.1\r\nHost: 127.0.0.1:" + d.port() + "\r\nConnection: close\r\n\r\n"))
          .isEqualTo(200);
      assertThat(rawStatus(d.port(), "GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")).isEqualTo(200);
      // DNS rebinding: a foreign name pointed at 127.0.0.1
      assertThat(rawStatus(d.port(), "GET / HTTP/1.1\r\nHost: evil.example:" + d.port() + "\r\nConnection: close\r\n\r\n"))
          .isEqualTo(403);
      WebClient c = new WebClient(d);
      // another site's page may not open the WebSocket nor send controls
      assertThatThrownBy(() -> c.socket("Origin", "http://evil.example")).hasStackTraceContaining("403");
      try (WebClient.Socket ws = c.socket("Origin", "http://127.0.0.1:" + d.port())) {
        assertThat(ws.await(m -> true, 5000, "hello").path("type").asText()).isEqualTo("hello");
      }
      assertThat(c.post("/api/evse/1/disable", "{}", Dashboard.CSRF_HEADER, "1", "Origin", "http://evil.example")
          .statusCode()).isEqualTo(403);
      assertThat(c.post("/api/evse/1/disable", "{}").statusCode()).isEqualTo(403);
    }
  }

  @Test
  void loopbackHostNames() {
    assertThat(Dashboard.loopbackHost("127.0.0.1:8080")).isTrue();
    assertThat(Dashboard.loopbackHost("127.1.2.3")).isTrue();
    assertThat(Dashboard.loopbackHost("localhost:80")).isTrue();
    assertThat(Dashboard.loopbackHost("LOCALHOST")).isTrue();
    assertThat(Dashboard.loopbackHost("[::1]:8080")).isTrue();
    assertThat(Dashboard.loopbackHost("127.0.0.1.evil.example")).isFalse();
    assertThat(Dashboard.loopbackHost("192.168.1.5:8080")).isFalse();
    assertThat(Dashboard.loopbackHost("[::2]:8080")).isFalse();
    assertThat(Dashboard.loopbackHost("example.com")).isFalse();
  }

  private static int rawStatus(int port, String request) throws Exception {
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.setSoTimeout(5000);
      OutputStream out = s.getOutputStream();
      out.write(request.getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = s.getInputStream();
      StringBuilder line = new StringBuilder();
      int ch;
      while ((ch = in.read()) != -1 && ch != '\n') {
        line.append((char) ch);
      }
      return Integer.parseInt(line.toString().split(" ")[1]);
    }
  }
}
