package dev.evse.app.config;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.evse.core.EvseConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Reads the YAML config. Every EVSE entry takes EVerest's option names ({@code connector_id},
 * {@code evse_id}, ...) plus a {@code simulation:} section. An unknown option, a wrong type or a
 * value out of range fails with a message naming it; nothing starts on a bad config.
 */
public final class ConfigLoader {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

  static final String SECTIONS = "evses, energy, energy_manager, auth, auth_api, store, mqtt, dashboard";

  private ConfigLoader() {}

  /** The config in {@code file}. */
  public static AppConfig load(Path file) throws ConfigException {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new ConfigException(file + ": cannot read: " + e.getMessage());
    }
    return parse(text, file.toString());
  }

  /** The config in {@code yaml}; {@code origin} names it in messages. */
  public static AppConfig parse(String yaml, String origin) throws ConfigException {
    JsonNode root;
    try {
      root = YAML.readTree(yaml);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      String at = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")";
      throw new ConfigException(origin + ": not valid YAML" + at + ": " + e.getOriginalMessage());
    }
    AppConfig config = new AppConfig();
    if (root == null || root.isNull() || root.isMissingNode()) {
      return AppConfig.defaults();
    }
    if (!root.isObject()) {
      throw new ConfigException(origin + ": the top level must be a mapping");
    }
    List<String> problems = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      switch (e.getKey()) {
        case "evses" -> readEvses(e.getValue(), config, problems);
        case "energy" -> config.energy = bind(e.getValue(), EnergyOptions.class, "energy", problems);
        case "energy_manager" -> config.energyManager =
            bind(e.getValue(), dev.evse.site.energy.EnergyConfig.class, "energy_manager", problems);
        case "auth" -> config.auth = bind(e.getValue(), dev.evse.site.auth.AuthConfig.class, "auth", problems);
        case "auth_api" -> config.authApi = java.util.Optional.ofNullable(
            bind(e.getValue(), dev.evse.app.auth.AuthApiOptions.class, "auth_api", problems))
            .orElse(dev.evse.app.auth.AuthApiOptions.defaults());
        case "store" -> config.store = bind(e.getValue(), ServiceOptions.Store.class, "store", problems);
        case "mqtt" -> config.mqtt = bind(e.getValue(), ServiceOptions.Mqtt.class, "mqtt", problems);
        case "dashboard" -> config.dashboard = bind(e.getValue(), ServiceOptions.Dashboard.class, "dashboard", problems);
        default -> problems.add(e.getKey() + ": unknown section (known: " + SECTIONS + ")");
      }
    }
    if (config.evses.isEmpty() && problems.isEmpty()) {
      config.evses.add(AppConfig.defaultEvse());
    }
    if (config.auth != null && config.auth.connectionTimeout == null) {
      config.auth.connectionTimeout = AppConfig.defaultAuth().connectionTimeout;
    }
    config.authApi.problems().forEach(p -> problems.add("auth_api." + p));
    if (config.mqtt != null && (config.mqtt.port < 0 || config.mqtt.port > 65535)) {
      problems.add("mqtt.port: " + config.mqtt.port + " is outside 0..65535");
    }
    if (config.dashboard != null && (config.dashboard.port < 0 || config.dashboard.port > 65535)) {
      problems.add("dashboard.port: " + config.dashboard.port + " is outside 0..65535");
    }
    checkUniqueConnectorIds(config, problems);
    if (config.energy != null && (config.energy.maxCurrentA < 0 || config.energy.validForS <= 0
        || config.energy.updateIntervalMs <= 0)) {
      problems.add("energy: max_current_A must be >= 0, valid_for_s and update_interval_ms > 0");
    }
    if (!problems.isEmpty()) {
      List<String> located = problems.stream().map(p -> withLine(yaml, p)).toList();
      throw new ConfigException(origin + ":\n  " + String.join("\n  ", located));
    }
    return config;
  }

  /** "evses[1].max_amps: unknown option" becomes "line 7: evses[1].max_amps: ..." when found. */
  static String withLine(String yaml, String problem) {
    int colon = problem.indexOf(": ");
    if (colon < 0) {
      return problem;
    }
    String path = problem.substring(0, colon);
    String[] lines = yaml.split("\n", -1);
    int from = 0;
    java.util.regex.Matcher item = java.util.regex.Pattern.compile("^evses\\[(\\d+)]").matcher(path);
    if (item.find()) {
      int wanted = Integer.parseInt(item.group(1));
      int seen = -1;
      boolean inEvses = false;
      for (int i = 0; i < lines.length; i++) {
        if (lines[i].startsWith("evses:")) {
          inEvses = true;
        } else if (inEvses && lines[i].matches("^\\s*- .*") && lines[i].indexOf('-') <= 4 && ++seen == wanted) {
          from = i;
          break;
        }
      }
    } else {
      String section = path.contains(".") ? path.substring(0, path.indexOf('.')) : path;
      for (int i = 0; i < lines.length; i++) {
        if (lines[i].startsWith(section + ":")) {
          from = i;
          break;
        }
      }
    }
    String key = path.substring(path.lastIndexOf('.') + 1).replaceAll("\\[\\d+]$", "");
    java.util.regex.Pattern keyLine = java.util.regex.Pattern.compile("^\\s*(- )?" + java.util.regex.Pattern.quote(key) + "\\s*:");
    for (int i = from; i < lines.length; i++) {
      if (keyLine.matcher(lines[i]).find()) {
        return "line " + (i + 1) + ": " + problem;
      }
    }
    return problem;
  }

  private static void readEvses(JsonNode list, AppConfig config, List<String> problems) {
    if (!list.isArray()) {
      problems.add("evses: must be a list of EVSE entries");
      return;
    }
    for (int i = 0; i < list.size(); i++) {
      String where = "evses[" + i + "]";
      JsonNode node = list.get(i);
      if (!node.isObject()) {
        problems.add(where + ": must be a mapping of options");
        continue;
      }
      ObjectNode options = ((ObjectNode) node).deepCopy();
      JsonNode sim = options.remove("simulation");
      JsonNode hw = options.remove("hardware");
      EvseConfig evse = bind(options, EvseConfig.class, where, problems);
      SimulationOptions simulation = sim == null ? new SimulationOptions()
          : bind(sim, SimulationOptions.class, where + ".simulation", problems);
      HardwareOptions hardware = hw == null ? new HardwareOptions()
          : bind(hw, HardwareOptions.class, where + ".hardware", problems);
      if (hardware != null && !hardware.overMqtt() && !"simulated".equals(hardware.driver)) {
        problems.add(where + ".hardware.driver: " + hardware.driver + " must be simulated or mqtt");
      }
      if (evse != null) {
        evse.problems().forEach(p -> problems.add(where + "." + p));
        config.evses.add(new AppConfig.EvseEntry(evse, simulation, hardware));
      }
    }
  }

  private static void checkUniqueConnectorIds(AppConfig config, List<String> problems) {
    long distinct = config.evses.stream().mapToInt(e -> e.evse().connectorId).distinct().count();
    if (distinct != config.evses.size()) {
      problems.add("evses: connector_id must be unique");
    }
  }

  private static <T> T bind(JsonNode node, Class<T> type, String where, List<String> problems) {
    try {
      return YAML.treeToValue(node, type);
    } catch (UnrecognizedPropertyException e) {
      problems.add(where + "." + e.getPropertyName() + ": unknown option");
    } catch (IOException e) {
      String path = e instanceof com.fasterxml.jackson.databind.JsonMappingException m
          ? m.getPath().stream().map(r -> r.getFieldName()).filter(java.util.Objects::nonNull)
              .reduce((a, b) -> a + "." + b).orElse("")
          : "";
      problems.add(where + (path.isEmpty() ? "" : "." + path) + ": " + firstLine(e.getMessage()));
    }
    return null;
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  /** A config that cannot be used; the message says what and where. */
  public static final class ConfigException extends Exception {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
      super(message);
    }
  }
}
