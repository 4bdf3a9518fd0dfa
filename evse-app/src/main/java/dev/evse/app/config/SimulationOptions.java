package dev.evse.app.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How the simulated car of one EVSE behaves (section {@code simulation:} of an EVSE entry). */
public final class SimulationOptions {
  /** The car's script, EVerest simulator syntax; empty = the car stays unplugged. */
  @JsonProperty("script")
  public String script = "sleep 1;iec_wait_pwr_ready;sleep 1;draw_power_regulated 16,3;sleep 30;unplug";

  /** Run the script again when it ends. */
  @JsonProperty("repeat")
  public boolean repeat = false;

  /** Token presented when the EVSE asks for authorisation; empty = wait for an external one. */
  @JsonProperty("auto_authorize_token")
  public String autoAuthorizeToken = "SIMCARD01";

  /** Delay between AuthRequired and presenting the token, ms. */
  @JsonProperty("auto_authorize_delay_ms")
  public long autoAuthorizeDelayMs = 1000;

  /** Seed of the simulation's random sources (session ids, meter key): same seed, same run. */
  @JsonProperty("seed")
  public long seed = 1;
}
