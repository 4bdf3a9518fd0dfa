package dev.evse.api;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Locates EVerest's reference YAML ({@code shared/everest}) beside the checkout. It is absent in a
 * fresh clone and in some CI setups; tests that need it skip themselves with a message.
 */
public final class EverestDir {
  private EverestDir() {}

  /** Where we looked, in order: system property {@code everest.dir}, then paths relative to the working directory. */
  public static List<Path> candidates() {
    Set<Path> out = new LinkedHashSet<>();
    String prop = System.getProperty("everest.dir");
    if (prop != null && !prop.isBlank()) {
      out.add(Paths.get(prop).toAbsolutePath().normalize());
    }
    out.add(Paths.get("../shared/everest").toAbsolutePath().normalize());
    out.add(Paths.get("../../shared/everest").toAbsolutePath().normalize());
    return new ArrayList<>(out);
  }

  /** The EVerest folder (one holding {@code types/}), if present. */
  public static Optional<Path> find() {
    return candidates().stream().filter(p -> Files.isDirectory(p.resolve("types"))).findFirst();
  }

  /** The EVerest folder, or skips the calling test with a message saying where it looked. */
  public static Path require(String whatIsSkipped) {
    Optional<Path> dir = find();
    assumeTrue(
        dir.isPresent(),
        () -> "EVerest schemas were not found at " + candidates().get(0)
            + " (also tried " + candidates().subList(1, candidates().size())
            + "; set -Deverest.dir=...), so " + whatIsSkipped + " was skipped");
    return dir.get();
  }
}
