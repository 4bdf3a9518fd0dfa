package dev.evse.app;

import dev.evse.api.types.ExternalLimits;
import dev.evse.api.types.LimitsReq;
import dev.evse.api.types.NumberWithSource;
import dev.evse.api.types.ScheduleReqEntry;
import dev.evse.api.codec.Rfc3339;
import dev.evse.app.config.AppConfig;
import dev.evse.app.web.Dashboard;
import dev.evse.app.web.DashboardOptions;
import dev.evse.app.web.DashboardStation;
import dev.evse.app.web.SessionHistory;
import dev.evse.app.web.SessionSummary;
import dev.evse.core.EvseManager;
import dev.evse.core.port.BoardSupport;
import dev.evse.mqtt.EvseBinding;
import dev.evse.mqtt.MqttEvseBridges;
import dev.evse.core.runtime.RealTimeLoopGroup;
import dev.evse.mqtt.ApiOptions;
import dev.evse.mqtt.EmbeddedBroker;
import dev.evse.mqtt.HiveMqConnection;
import dev.evse.mqtt.MqttConnection;
import dev.evse.mqtt.MqttSettings;
import dev.evse.mqtt.consumer.EvseManagerConsumerApi;
import dev.evse.mqtt.limits.ExternalEnergyLimitsApi;
import dev.evse.site.auth.Auth;
import dev.evse.site.energy.EnergyManager;
import dev.evse.store.SqliteStore;
import dev.evse.store.StorePaths;
import dev.evse.store.history.SessionHistory.Filter;
import dev.evse.store.history.SessionRecord;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root of {@code evse run}: simulated EVSEs with their kernels, the SQLite store,
 * the site energy manager, the built-in Auth, EVerest's API on an MQTT broker (embedded unless an
 * external one is configured) and the web dashboard. Stopping it opens every relay first and
 * leaves open transactions on record for the next start to finish.
 */
public final class Site implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Site.class);
  /** Module id of the {@code external_energy_limits_consumer} API served for the grid connection. */
  public static final String EXTERNAL_LIMITS_MODULE = "energy_manager";

  private final AppConfig config;
  private final RealTimeLoopGroup loops = new RealTimeLoopGroup();
  private final List<SimulatedStation> stations = new ArrayList<>();
  private final List<AutoCloseable> closers = new ArrayList<>();
  private SqliteStore store;
  private EnergyManager energy;
  private Auth auth;
  private EmbeddedBroker broker;
  private MqttConnection mqtt;
  private Dashboard dashboard;
  private dev.evse.app.auth.AuthMqttApis authApis;
  private final List<String> consumerTopics = new ArrayList<>();
  /** EVSEs whose hardware drivers speak MQTT (another process, or real drivers). */
  private final List<EvseManager> remoteEvses = new ArrayList<>();

  private Site(AppConfig config) {
    this.config = config;
  }

  /** What the command line adds to the config. */
  public record Options(Optional<Path> db, Optional<Integer> mqttPort, Optional<Integer> dashboardPort,
      boolean noDashboard, boolean noMqtt, Function<Integer, UnaryOperator<BoardSupport>> boardDecorator) {}

  /** Starts everything; on any failure what was started is stopped again and the error thrown. */
  public static Site start(AppConfig config, Options options, java.util.function.Consumer<EvseManager> attachOutput) {
    Site site = new Site(config);
    try {
      site.startAll(options, attachOutput);
      return site;
    } catch (RuntimeException e) {
      site.close();
      throw e;
    }
  }

  private void startAll(Options options, java.util.function.Consumer<EvseManager> attachOutput) {
    Path db = StorePaths.resolve(options.db().orElse(config.store.db.isBlank() ? null : Path.of(config.store.db)));
    store = SqliteStore.open(db);
    energy = new EnergyManager(loops.newLoop("energy"), config.energyManager);
    auth = new Auth(loops.newLoop("auth"), config.auth);
    List<AppConfig.EvseEntry> remote = config.evses.stream().filter(e -> e.hardware().overMqtt()).toList();
    boolean withMqtt = config.mqtt.enabled && !options.noMqtt();
    if (!remote.isEmpty() && !withMqtt) {
      throw new IllegalArgumentException("EVSE " + remote.get(0).evse().connectorId
          + " has hardware.driver: mqtt, which needs the MQTT API (do not use --no-mqtt or mqtt.enabled: false)");
    }
    for (AppConfig.EvseEntry entry : config.evses) {
      if (entry.hardware().overMqtt()) {
        continue;
      }
      SimulatedStation station = new SimulatedStation(loops, entry, Optional.empty(),
          options.boardDecorator().apply(entry.evse().connectorId), Optional.of(store));
      energy.addEvse(station.evse());
      auth.attach(station.evse());
      attachOutput.accept(station.evse());
      stations.add(station);
    }
    if (withMqtt) {
      startMqtt(options, remote, attachOutput);
    }
    stations.forEach(SimulatedStation::start);
    remoteEvses.forEach(EvseManager::start);
    energy.start();
    auth.start();
    if (config.dashboard.enabled && !options.noDashboard()) {
      DashboardOptions d = new DashboardOptions(config.dashboard.bind,
          options.dashboardPort().orElse(config.dashboard.port),
          config.dashboard.password.isEmpty() ? Optional.empty() : Optional.of(config.dashboard.password));
      List<DashboardStation> cards = stations.stream()
          .map(s -> DashboardStation.of(s, amps -> setEvseLimit(s, amps))).toList();
      dashboard = Dashboard.start(d, cards, Optional.of(this::history));
    }
  }

  private void startMqtt(Options options, List<AppConfig.EvseEntry> remote,
      java.util.function.Consumer<EvseManager> attachOutput) {
    String url = config.mqtt.url;
    if (url.isBlank()) {
      int port = options.mqttPort().orElse(config.mqtt.port);
      try {
        broker = EmbeddedBroker.start(config.mqtt.host, port);
      } catch (RuntimeException e) {
        throw new IllegalStateException("the embedded MQTT broker cannot listen on " + config.mqtt.host + ":" + port
            + " (" + e.getMessage() + "); choose another port with --mqtt-port PORT (or mqtt.port in the config),"
            + " or an external broker with mqtt.url", e);
      }
      url = broker.url();
    }
    MqttSettings settings = MqttSettings.of(url).withClientId("evse-manager-" + ProcessHandle.current().pid());
    if (!config.mqtt.username.isEmpty()) {
      settings = settings.withCredentials(config.mqtt.username, config.mqtt.password);
    }
    mqtt = HiveMqConnection.open(settings);
    ApiOptions api = ApiOptions.defaults();
    String prefix = config.mqtt.topicPrefix;
    List<java.util.concurrent.CompletableFuture<Void>> ready = new ArrayList<>();
    for (SimulatedStation s : stations) {
      EvseManagerConsumerApi consumer =
          EvseManagerConsumerApi.attach(mqtt, prefix, s.evse().moduleId(), s.evse(), api);
      closers.add(consumer);
      ready.add(consumer.start());
      consumerTopics.add(prefix + "everest_api/1/" + EvseManagerConsumerApi.API_TYPE + "/" + s.evse().moduleId());
    }
    if (!remote.isEmpty()) {
      MqttEvseBridges bridges = new MqttEvseBridges(mqtt, api);
      closers.add(bridges);
      for (AppConfig.EvseEntry entry : remote) {
        int id = entry.evse().connectorId;
        EvseBinding binding = new EvseBinding("evse_manager_" + id, entry.hardware().board(id),
            Optional.of(entry.hardware().meter(id)).filter(m -> !"none".equals(m)), prefix);
        EvseManager evse = bridges.add(binding, ports -> ports.applyTo(
            EvseManager.builder(loops.newLoop("evse-" + id), ports.board()), true)
            .config(entry.evse())
            .store(store.forEvse(id))
            .random(new java.security.SecureRandom())
            .build()).evse();
        evse.addListener(store.forEvse(id));
        energy.addEvse(evse);
        auth.attach(evse);
        attachOutput.accept(evse);
        remoteEvses.add(evse);
        consumerTopics.add(prefix + "everest_api/1/" + EvseManagerConsumerApi.API_TYPE + "/" + binding.consumerModuleId()
            + "  (hardware: " + binding.boardModuleId() + ", " + binding.meterModuleId().orElse("no meter") + ")");
      }
      ready.add(bridges.start());
    }
    ExternalEnergyLimitsApi limits = new ExternalEnergyLimitsApi(mqtt, prefix, EXTERNAL_LIMITS_MODULE, api,
        (module, l) -> energy.setExternalLimits(config.energyManager.gridConnection.id, l));
    closers.add(limits);
    ready.add(limits.start());
    MqttConnection connection = mqtt;
    energy.addDecisionListener(d -> connection.publish(prefix + EnergyDecisionJson.TOPIC, EnergyDecisionJson.encode(d)));
    authApis = dev.evse.app.auth.AuthMqttApis.attach(mqtt, auth, config.authApi, prefix, api);
    closers.add(authApis);
    ready.add(authApis.start());
    try {
      java.util.concurrent.CompletableFuture.allOf(ready.toArray(java.util.concurrent.CompletableFuture[]::new))
          .get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("MQTT: could not subscribe at " + url + ": " + e.getMessage(), e);
    }
  }

  /** The dashboard's budget control: an external limit on this EVSE's node of the energy tree. */
  private void setEvseLimit(SimulatedStation station, double amps) {
    String now = Rfc3339.format(Instant.now());
    LimitsReq limit = new LimitsReq(Optional.empty(), Optional.of(new NumberWithSource(amps, "dashboard")),
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    energy.setExternalLimits(station.evse().moduleId(), new ExternalLimits(
        List.of(new ScheduleReqEntry(now, limit, limit, Optional.empty(), Optional.empty())), List.of(), List.of()));
  }

  /** Finished sessions as on disk; the dashboard adds those it saw finish itself until they are. */
  private List<SessionSummary> history(int evseId, int limit) {
    List<SessionRecord> rows = dev.evse.store.history.SessionHistory.read(store.file(),
        new Filter(OptionalInt.of(evseId), Optional.empty()));
    List<SessionSummary> out = new ArrayList<>();
    for (SessionRecord r : rows) {
      if (r.sessionEnd().isEmpty()) {
        continue;
      }
      out.add(new SessionSummary(r.sessionUuid(), r.evse(), r.sessionStart(), r.sessionEnd().get(),
          r.idToken().orElse(""), r.energyWh().orElse(0.0), r.stopReason().orElse("")));
    }
    out.sort((a, b) -> b.end().compareTo(a.end()));
    return out.size() > limit ? out.subList(0, limit) : out;
  }

  public List<SimulatedStation> stations() {
    return List.copyOf(stations);
  }

  public Auth auth() {
    return auth;
  }

  public EnergyManager energy() {
    return energy;
  }

  /** Lines that tell a person where everything is. */
  public List<String> banner() {
    List<String> lines = new ArrayList<>();
    lines.add("evse run: " + stations.size() + " EVSE(s) on simulated hardware"
        + (remoteEvses.isEmpty() ? "" : ", " + remoteEvses.size() + " on MQTT hardware drivers"));
    if (dashboard != null) {
      lines.add("  dashboard   " + dashboard.url());
    }
    if (mqtt != null) {
      lines.add("  MQTT broker " + (broker != null ? broker.url() + " (embedded)" : config.mqtt.url));
      consumerTopics.forEach(t -> lines.add("  EVSE API    " + t + "/..."));
      if (authApis != null) {
        authApis.baseTopics().forEach(t -> lines.add("  auth API    " + t + "/..."));
      }
      lines.add("  energy      " + config.mqtt.topicPrefix + EnergyDecisionJson.TOPIC + " (each round's decision)");
    }
    lines.add("  database    " + store.file());
    lines.add("  grid        " + config.energyManager.gridConnection.fuseLimitA + " A x "
        + config.energyManager.gridConnection.phaseCount + " phases shared by the site energy manager");
    boolean free = config.evses.stream().allMatch(e -> e.evse().disableAuthentication);
    lines.add(free ? "  auth        free service: every session is authorised with the token FREESERVICE"
        : "  auth        tokens checked by the built-in Auth (connection_timeout " + config.auth.connectionTimeout + " s)");
    lines.add("Ctrl-C stops (relays open, open transactions stay on record)");
    return lines;
  }

  /** Relays open first, then the services stop; the store is flushed and closed last. */
  @Override
  public void close() {
    List<EvseManager> all = new ArrayList<>(remoteEvses);
    stations.forEach(s -> all.add(s.evse()));
    for (EvseManager evse : all) {
      try {
        evse.stop().get(2, TimeUnit.SECONDS);
      } catch (Exception e) {
        LOG.warn("EVSE {} did not confirm its stop: {}", evse.moduleId(), e.toString());
      }
    }
    stations.forEach(SimulatedStation::stop);
    quietly(dashboard);
    if (energy != null) {
      energy.stop();
    }
    closers.forEach(Site::quietly);
    quietly(mqtt);
    quietly(broker);
    if (store != null) {
      try {
        store.flush().toCompletableFuture().get(5, TimeUnit.SECONDS);
      } catch (Exception e) {
        LOG.warn("store flush at stop: {}", e.toString());
      }
      quietly(store);
    }
    loops.close();
  }

  private static void quietly(AutoCloseable c) {
    if (c == null) {
      return;
    }
    try {
      c.close();
    } catch (Exception e) {
      LOG.warn("stopping {}: {}", c, e.toString());
    }
  }
}
