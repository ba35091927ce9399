package dev.termchat.server;

import dev.termchat.protocol.NameRules;
import dev.termchat.server.cluster.RedisConnections;
import dev.termchat.server.edge.Origins;
import dev.termchat.server.settings.Access;
import dev.termchat.server.settings.Limits;
import dev.termchat.server.settings.RoomOptions;
import dev.termchat.server.settings.ServerSettings;
import dev.termchat.server.settings.Setting;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;

/**
 * The server's options, made from {@link ServerSettings}, and what a parsed command line gives:
 * a {@link ServerConfig}, or a usage error that says in one line what is wrong.
 */
final class ServerOptions {
  /** Settings that are not copied to the configuration as they are given, but read on their own. */
  private static final Set<Setting<?>> READ_APART =
      Set.of(
          Limits.MAX_CONNECTIONS,
          Access.ALLOWED_ORIGIN,
          Access.OPERATOR,
          Access.LOG_FORMAT,
          Access.NO_WEB,
          Access.PASSWORD,
          Access.TLS_KEYSTORE,
          Access.TLS_KEYSTORE_PASSWORD,
          RoomOptions.REDIS,
          RoomOptions.DATA);

  private final CommandSpec spec;

  private ServerOptions(CommandSpec spec) {
    this.spec = spec;
  }

  /** Adds an option for every setting, in the catalog's order. */
  static void addTo(CommandSpec spec) {
    for (Setting<?> setting : ServerSettings.ALL) {
      spec.addOption(option(setting));
    }
  }

  private static <T> OptionSpec option(Setting<T> setting) {
    OptionSpec.Builder option =
        OptionSpec.builder(setting.option()).description(setting.help().toArray(String[]::new));
    if (!setting.isFlag()) {
      option.paramLabel(setting.label());
    }
    if (setting.repeatable()) {
      option.type(List.class).auxiliaryTypes(setting.type());
    } else {
      option.type(setting.type());
    }
    if (setting.type() == Duration.class) {
      option.converters(ServerOptions::seconds);
    }
    if (setting.environment() != null) {
      option.defaultValue("${env:" + setting.environment() + "}");
    } else if (setting.defaultValue() != null) {
      option.defaultValue(setting.shown(setting.defaultValue()));
    }
    return option.build();
  }

  /** A time given in whole seconds, which picocli would otherwise not know how to read. */
  private static Duration seconds(String value) {
    try {
      return Duration.ofSeconds(Integer.parseInt(value));
    } catch (NumberFormatException e) {
      throw new TypeConversionException("'" + value + "' is not an int");
    }
  }

  /**
   * The configuration the parsed command line asks for.
   *
   * @throws ParameterException for a value outside its limits or options that do not go together
   */
  static ServerConfig config(CommandSpec spec) {
    return new ServerOptions(spec).config();
  }

  private ServerConfig config() {
    ServerConfig.Builder builder = ServerConfig.builder();
    for (Setting<?> setting : ServerSettings.ALL) {
      Object value = spec.findOption(setting.option()).getValue();
      setting.problemOf(value).ifPresent(problem -> {
        throw usageError(problem);
      });
      if (!READ_APART.contains(setting)) {
        copy(setting, value, builder);
      }
    }
    String password = value(Access.PASSWORD);
    if (matched(Access.PASSWORD) && password.isEmpty()) {
      throw usageError("--password must not be empty; leave it out for a server without one");
    }
    Path keystore = value(Access.TLS_KEYSTORE);
    if (matched(Access.TLS_KEYSTORE_PASSWORD) && keystore == null) {
      throw usageError("--tls-keystore-password needs --tls-keystore");
    }
    Integer maxConnections = value(Limits.MAX_CONNECTIONS);
    builder
        .maxConnections(maxConnections != null ? maxConnections : defaultMaxConnections(keystore != null))
        .allowedOrigins(origins())
        .operators(operators())
        .web(!value(Access.NO_WEB))
        .password(password);
    Optional<URI> redis = redis();
    redis.ifPresent(builder::redis);
    String data = value(RoomOptions.DATA);
    boolean memoryOnly = RoomOptions.NO_DATA.equalsIgnoreCase(data);
    if (data != null && data.isBlank()) {
      throw usageError("--data needs a directory, or '" + RoomOptions.NO_DATA + "' to keep memory only");
    }
    if (redis.isPresent() && data != null && !memoryOnly) {
      throw usageError("--data is not used with --redis: a cluster keeps its history in Redis");
    }
    if (redis.isEmpty() && !memoryOnly) {
      builder.data(data != null ? home(data) : defaultData());
    } else {
      // Said rather than ignored: someone who sets how long history is kept expects it kept.
      for (Setting<Integer> keep : List.of(RoomOptions.KEEP_DAYS, RoomOptions.KEEP_PER_ROOM)) {
        if (matched(keep)) {
          throw usageError(keep.option() + " is for the store on disk, and " + (redis.isPresent() ? "--redis" : "--data " + RoomOptions.NO_DATA)
              + " keeps none");
        }
      }
    }
    if (keystore != null) {
      String keystorePassword = value(Access.TLS_KEYSTORE_PASSWORD);
      if (keystorePassword == null) {
        throw usageError("--tls-keystore needs --tls-keystore-password or " + Access.TLS_KEYSTORE_PASSWORD.environment());
      }
      builder.tls(new ServerConfig.TlsConfig(keystore, keystorePassword.toCharArray()));
    }
    return builder.build();
  }

  private List<String> origins() {
    List<String> origins = new ArrayList<>();
    List<?> given = spec.findOption(Access.ALLOWED_ORIGIN.option()).getValue();
    for (Object origin : given == null ? List.of() : given) {
      origins.add(
          Origins.normalize((String) origin)
              .orElseThrow(
                  () -> usageError("--allowed-origin must be an origin such as https://chat.example.org, not '" + origin + "'")));
    }
    return origins;
  }

  private List<String> operators() {
    List<String> operators = new ArrayList<>();
    List<?> given = spec.findOption(Access.OPERATOR.option()).getValue();
    for (Object operator : given == null ? List.of() : given) {
      String name = NameRules.normalize((String) operator);
      Optional<String> problem = name == null ? Optional.of("a name needs a visible character") : NameRules.problem(name);
      if (problem.isPresent()) {
        throw usageError("--operator must be a name a user may have, not '" + operator + "': " + problem.get());
      }
      operators.add(name);
    }
    return operators;
  }

  private Optional<URI> redis() {
    try {
      return RedisConnections.parse(value(RoomOptions.REDIS));
    } catch (IllegalArgumentException e) {
      Setting<String> redis = RoomOptions.REDIS;
      throw usageError((matched(redis) ? redis.option() : redis.environment()) + " " + e.getMessage());
    }
  }

  /**
   * A directory as a person wrote it: a leading {@code ~} is their home, as a shell would have made
   * it had the option not been written {@code --data=~/...}.
   */
  static Path home(String directory) {
    if (directory.equals("~") || directory.startsWith("~/")) {
      return Path.of(System.getProperty("user.home") + directory.substring(1));
    }
    return Path.of(directory);
  }

  /** Where a server keeps its store unless told: the user's data directory, as XDG says. */
  static Path defaultData() {
    String xdg = System.getenv("XDG_DATA_HOME");
    Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".local", "share");
    return base.resolve("termchat");
  }

  private static <T> void copy(Setting<T> setting, Object value, ServerConfig.Builder builder) {
    builder.set(setting, setting.type().cast(value));
  }

  private <T> T value(Setting<T> setting) {
    return setting.type().cast(spec.findOption(setting.option()).getValue());
  }

  private boolean matched(Setting<?> setting) {
    return spec.commandLine().getParseResult().hasMatchedOption(setting.option());
  }

  private ParameterException usageError(String message) {
    return new ParameterException(spec.commandLine(), message);
  }

  /**
   * The default cap, lowered where the process may not open enough file descriptors for it (see
   * {@link FileLimit#connections}), and where the heap is too small for it (see {@link
   * ServerConfig#defaultMaxConnections}).
   */
  static int defaultMaxConnections(boolean tls) {
    long atMost = Math.min(Limits.MAX_CONNECTIONS_AT_MOST, FileLimit.current().connections().orElse(Long.MAX_VALUE));
    return ServerConfig.defaultMaxConnections(tls, (int) atMost);
  }
}
