package dev.termchat.server.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Redis URLs as operators write them, and never a password in what is said about them. */
class RedisConnectionsTest {
  @Test
  void aUrlWithoutAPortIsRedissOwnPortAndABlankOneIsNoCluster() {
    assertEquals(URI.create("redis://:pw@127.0.0.1:6379"), RedisConnections.parse("redis://:pw@127.0.0.1").orElseThrow());
    assertEquals(URI.create("rediss://h:6380/2"), RedisConnections.parse(" rediss://h:6380/2 ").orElseThrow());
    assertEquals(Optional.empty(), RedisConnections.parse(""));
    assertEquals(Optional.empty(), RedisConnections.parse(null));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        ":hunter2@127.0.0.1:6379",
        "redis://:hunter2@127.0.0.1:notaport",
        "redis://:hun#ter2@127.0.0.1:6379",
        "redis:/:hunter2@127.0.0.1:6379",
        "http://:hunter2@127.0.0.1:6379",
        "redis://:hunter2%@127.0.0.1:6379",
      })
  void aUrlThatIsNotOneIsRefusedWithoutRepeatingIt(String url) {
    IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> RedisConnections.parse(url));
    assertFalse(refused.getMessage().contains("hunter2"), refused.getMessage());
  }

  @Test
  void credentialsAreBlottedOutOfAnyTextAndOutOfTheUrlAsShown() {
    URI redis = URI.create("rediss://user:p%23w@h:6380");
    assertEquals("rediss://h:6380", RedisConnections.describe(redis));
    String text = RedisConnections.redacted("bad URI rediss://user:p%23w@h and user:p#w", redis);
    assertTrue(!text.contains("p%23w") && !text.contains("p#w"), text);
  }
}
