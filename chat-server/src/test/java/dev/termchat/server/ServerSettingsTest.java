package dev.termchat.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.termchat.server.room.RoomSettings;
import dev.termchat.server.settings.AccountOptions;
import dev.termchat.server.settings.Access;
import dev.termchat.server.settings.Limits;
import dev.termchat.server.settings.RoomOptions;
import dev.termchat.server.settings.ServerSettings;
import dev.termchat.server.settings.Setting;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The catalog of settings, and what follows from it: the configuration, the command line, the room's settings. */
class ServerSettingsTest {
  @Test
  void everySettingDeclaredIsListedOnceUnderItsOwnOption() throws IllegalAccessException {
    List<Object> declared = new ArrayList<>();
    for (Class<?> catalog : List.of(Access.class, Limits.class, RoomOptions.class, AccountOptions.class)) {
      for (Field field : catalog.getFields()) {
        if (Modifier.isStatic(field.getModifiers()) && field.getType() == Setting.class) {
          declared.add(field.get(null));
        }
      }
    }
    assertEquals(new HashSet<>(declared), new HashSet<>(ServerSettings.ALL));
    assertEquals(declared.size(), ServerSettings.ALL.size());
    assertEquals(ServerSettings.ALL.size(), ServerSettings.ALL.stream().map(Setting::option).distinct().count());
  }

  @Test
  void everyDefaultIsWithinItsLimits() {
    for (Setting<?> setting : ServerSettings.ALL) {
      assertEquals(java.util.Optional.empty(), setting.problemOf(setting.defaultValue()), setting.option());
    }
  }

  @Test
  void aProgramIsToldWhatAPersonOnTheCommandLineWouldBe() {
    assertEquals("--rate must be at least 1, not 0", refused(config -> config.rate(0, 1)));
    assertEquals(
        "--socket-send-buffer-bytes must be 0 or between 8192 and 16777216 bytes, not 1024",
        refused(config -> config.socketSendBufferBytes(1024)));
    assertEquals("--resume-window must be 0 or more seconds, not -1", refused(config -> config.resumeWindow(Duration.ofMillis(-1))));
    assertEquals("--register-timeout must be at least 1, not 0", refused(config -> config.registrationTimeout(Duration.ZERO)));
    assertEquals("--history must be between 0 and 100000, not 100001", refused(config -> config.historySize(100_001)));
    assertEquals(
        "--max-frame-bytes must be at least 256, room for a register frame; not 255",
        refused(config -> config.set(Limits.MAX_FRAME_BYTES, 255)));
  }

  @Test
  void aPartOfASecondCountsAsOneForAProgram() {
    ServerConfig config = ServerConfig.builder().registrationTimeout(Duration.ofMillis(300)).build();
    assertEquals(Duration.ofMillis(300), config.registrationTimeout());
  }

  @Test
  void theCommandLineGivesTheDefaultsAProgramGets() {
    ServerConfig program = ServerConfig.builder().build();
    ServerConfig command = parsed();
    assertEquals(withoutConnectionCap(program), withoutConnectionCap(command));
    assertEquals(Duration.ofSeconds(30), command.pingInterval());
    assertTrue(command.maxConnections() <= Limits.MAX_CONNECTIONS_AT_MOST, "cap " + command.maxConnections());
  }

  @Test
  void eachOptionReachesTheConfiguration() {
    ServerConfig config =
        parsed("--rate", "7", "--burst", "9", "--ping-interval", "4", "--no-web", "--hide-addresses", "--max-queued-bytes-total", "12345");
    assertEquals(7, config.messagesPerSecond());
    assertEquals(9, config.burst());
    assertEquals(Duration.ofSeconds(4), config.pingInterval());
    assertFalse(config.web());
    assertTrue(config.hideAddresses());
    assertEquals(12345, config.maxQueuedBytesTotal());
  }

  @Test
  void theRoomsDefaultsAreTheServers() {
    assertEquals(RoomSettings.defaults(), PartSettings.room(ServerConfig.builder().build(), RoomSettings.LOCAL_NODE));
  }

  private static String refused(UnaryOperator<ServerConfig.Builder> configure) {
    return assertThrows(IllegalArgumentException.class, () -> configure.apply(ServerConfig.builder()).build()).getMessage();
  }

  private static ServerConfig parsed(String... args) {
    CommandLine commandLine = ChatServerCommand.commandLine();
    commandLine.parseArgs(args);
    return ServerOptions.config(commandLine.getCommandSpec());
  }

  /**
   * The configuration as a string, but for the connection cap, which the command line also bounds
   * by file descriptors, and the password and Redis, which it may take from the environment.
   */
  private static String withoutConnectionCap(ServerConfig config) {
    return List.of(
            config.host(), config.port(), config.maxFrameBytes(), config.maxFragments(), config.maxMessageChars(),
            config.messagesPerSecond(), config.burst(), config.renamesPerMinute(), config.renameBurst(), config.joinsPerMinute(),
            config.joinBurst(), config.maxConnectionsPerAddress(), config.limitLoopback(), config.maxQueuedBytes(),
            config.maxQueuedBytesTotal(), config.maxQueuedBytesPerAddress(), config.maxUnfinishedBytes(), config.pingInterval(),
            config.handshakeTimeout(), config.registrationTimeout(), config.allowedOrigins(), config.tls(),
            config.shutdownGrace(), config.hideAddresses(), config.historySize(), config.resumeWindow(),
            config.socketSendBufferBytes(), config.web(), config.metricsFromAnywhere(), config.redisStreamBytes())
        .toString();
  }
}
