package dev.evse.app.web;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the dashboard listens and who may use it.
 *
 * <p>By default it binds to {@value #DEFAULT_BIND} only, so nobody on the network can drive the
 * chargers. Binding to any other address (a LAN address, {@code 0.0.0.0}) needs a password: every
 * request must then carry it through HTTP basic auth (any user name). A password may also be set
 * on loopback.
 *
 * @param bindAddress the address to bind to: an IP literal or a host name ({@code localhost})
 * @param port the TCP port; 0 picks a free one (see {@link Dashboard#url()})
 * @param password the basic-auth password; empty = no authentication (loopback only)
 */
public record DashboardOptions(String bindAddress, int port, Optional<String> password) {
  public static final String DEFAULT_BIND = "127.0.0.1";
  public static final int DEFAULT_PORT = 8080;

  /** The command-line options the messages refer to (the application should use these names). */
  public static final String PORT_OPTION = "--dashboard-port";
  public static final String BIND_OPTION = "--dashboard-bind";
  public static final String PASSWORD_OPTION = "--dashboard-password";

  public DashboardOptions {
    Objects.requireNonNull(bindAddress, "bindAddress");
    Objects.requireNonNull(password, "password");
    if (bindAddress.isBlank()) {
      throw new IllegalArgumentException("dashboard bind address is empty (" + BIND_OPTION + ")");
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("dashboard port " + port + " is outside 0..65535 (" + PORT_OPTION
          + "; 0 picks a free port)");
    }
    if (password.isPresent() && password.get().isEmpty()) {
      throw new IllegalArgumentException("dashboard password is empty (" + PASSWORD_OPTION + ")");
    }
  }

  /** 127.0.0.1:8080 without password. */
  public static DashboardOptions defaults() {
    return new DashboardOptions(DEFAULT_BIND, DEFAULT_PORT, Optional.empty());
  }

  /** Loopback on the given port (0 = free port), without password. */
  public static DashboardOptions loopback(int port) {
    return new DashboardOptions(DEFAULT_BIND, port, Optional.empty());
  }

  public DashboardOptions withPort(int newPort) {
    return new DashboardOptions(bindAddress, newPort, password);
  }

  public DashboardOptions withPassword(String newPassword) {
    return new DashboardOptions(bindAddress, port, Optional.of(newPassword));
  }

  /** Whether the bind address is a loopback address (resolving a host name). */
  public boolean isLoopback() {
    try {
      return InetAddress.getByName(bindAddress).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  /**
   * Checks that the address resolves and that a non-loopback binding has a password.
   *
   * @throws DashboardStartException saying what to change
   */
  public void check() {
    try {
      InetAddress.getByName(bindAddress);
    } catch (UnknownHostException e) {
      throw new DashboardStartException("dashboard bind address '" + bindAddress + "' does not resolve ("
          + BIND_OPTION + ")", e);
    }
    if (!isLoopback() && password.isEmpty()) {
      throw new DashboardStartException("binding the dashboard to " + bindAddress
          + " would let anyone on the network stop a charging session: give a password with "
          + PASSWORD_OPTION + " (basic auth), or keep the default " + BIND_OPTION + " " + DEFAULT_BIND);
    }
  }

  /** The password never shows in logs. */
  @Override
  public String toString() {
    return "DashboardOptions[" + bindAddress + ":" + port + (password.isPresent() ? ", password set" : "") + "]";
  }
}
