package dev.evse.app.config;

import dev.evse.core.EvseConfig;
import java.util.ArrayList;
import java.util.List;

/** Everything {@code evse run} needs: the EVSEs and the services around them. */
public final class AppConfig {
  /** One entry per connector. */
  public final List<EvseEntry> evses = new ArrayList<>();
  public EnergyOptions energy = new EnergyOptions();

  /** One EVSE: EVerest's options plus how its simulated hardware behaves. */
  public record EvseEntry(EvseConfig evse, SimulationOptions simulation) {}

  /** The built-in defaults: one simulated EVSE. */
  public static AppConfig defaults() {
    AppConfig c = new AppConfig();
    c.evses.add(new EvseEntry(new EvseConfig(), new SimulationOptions()));
    return c;
  }
}
