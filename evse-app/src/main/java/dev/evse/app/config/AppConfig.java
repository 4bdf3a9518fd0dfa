package dev.evse.app.config;

import dev.evse.core.EvseConfig;
import java.util.ArrayList;
import java.util.List;

/** Everything {@code evse run} needs: the EVSEs and the services around them. */
public final class AppConfig {
  /** One entry per connector. */
  public final List<EvseEntry> evses = new ArrayList<>();
  /** The fixed energy supply of {@code evse simulate} (one EVSE, no energy manager). */
  public EnergyOptions energy = new EnergyOptions();
  /** The site energy manager of {@code evse run}: one grid connection for every EVSE. */
  public dev.evse.site.energy.EnergyConfig energyManager = new dev.evse.site.energy.EnergyConfig();
  /** The built-in Auth of {@code evse run}. */
  public dev.evse.site.auth.AuthConfig auth = defaultAuth();
  /** EVerest's auth APIs over MQTT: token providers, validators, auth_consumer. */
  public dev.evse.app.auth.AuthApiOptions authApi = dev.evse.app.auth.AuthApiOptions.defaults();
  public ServiceOptions.Store store = new ServiceOptions.Store();
  public ServiceOptions.Mqtt mqtt = new ServiceOptions.Mqtt();
  public ServiceOptions.Dashboard dashboard = new ServiceOptions.Dashboard();

  static dev.evse.site.auth.AuthConfig defaultAuth() {
    dev.evse.site.auth.AuthConfig a = new dev.evse.site.auth.AuthConfig();
    a.connectionTimeout = 60;
    return a;
  }

  /** One EVSE: EVerest's options, where its hardware is, and how its simulated hardware behaves. */
  public record EvseEntry(EvseConfig evse, SimulationOptions simulation, HardwareOptions hardware) {
    public EvseEntry(EvseConfig evse, SimulationOptions simulation) {
      this(evse, simulation, new HardwareOptions());
    }
  }

  /**
   * The built-in defaults: one simulated EVSE in free service ({@code disable_authentication}),
   * so a newcomer sees a car charge without knowing about tokens.
   */
  public static AppConfig defaults() {
    AppConfig c = new AppConfig();
    c.evses.add(defaultEvse());
    return c;
  }

  /** One EVSE with EVerest's defaults and a simulated card reader (for {@code evse simulate}). */
  public static AppConfig simulationDefaults() {
    AppConfig c = new AppConfig();
    c.evses.add(new EvseEntry(new EvseConfig(), new SimulationOptions()));
    return c;
  }

  static EvseEntry defaultEvse() {
    EvseConfig evse = new EvseConfig();
    evse.disableAuthentication = true;
    SimulationOptions sim = new SimulationOptions();
    sim.autoAuthorizeToken = "";
    return new EvseEntry(evse, sim);
  }
}
