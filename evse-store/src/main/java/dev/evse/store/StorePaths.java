package dev.evse.store;

import java.nio.file.Path;
import java.util.Map;

/** Where the session database lives when no {@code --db} or config path is given. */
public final class StorePaths {
  /** File name of the database inside the data folder. */
  public static final String FILE_NAME = "evse.db";

  private StorePaths() {}

  /**
   * {@code $XDG_DATA_HOME/evse/evse.db}, or {@code ~/.local/share/evse/evse.db} when
   * {@code XDG_DATA_HOME} is unset or not absolute (as the XDG base directory spec says).
   */
  public static Path defaultDatabase() {
    return defaultDatabase(System.getenv(), System.getProperty("user.home"));
  }

  static Path defaultDatabase(Map<String, String> env, String userHome) {
    String xdg = env.get("XDG_DATA_HOME");
    Path dataHome;
    if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
      dataHome = Path.of(xdg);
    } else {
      dataHome = Path.of(userHome, ".local", "share");
    }
    return dataHome.resolve("evse").resolve(FILE_NAME);
  }

  /** The path given on the command line or in the config, else the default. */
  public static Path resolve(Path explicit) {
    return explicit != null ? explicit.toAbsolutePath() : defaultDatabase();
  }
}
