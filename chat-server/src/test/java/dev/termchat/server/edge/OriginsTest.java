package dev.termchat.server.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Origins in canonical form, as configured and as browsers send them. */
class OriginsTest {
  @ParameterizedTest
  @CsvSource({
    "https://chat.example.org, https://chat.example.org",
    "https://Chat.Example.ORG/, https://chat.example.org",
    "HTTPS://chat.example.org:443, https://chat.example.org",
    "http://chat.example.org:80, http://chat.example.org",
    "http://localhost:3000, http://localhost:3000",
    "https://[::1]:8443, https://[::1]:8443",
  })
  void originsAreComparedInOneForm(String given, String canonical) {
    assertEquals(Optional.of(canonical), Origins.normalize(given));
  }

  @ParameterizedTest
  @ValueSource(strings = {"*", "chat.example.org", "null", "ftp://chat.example.org", "https://x.org/path", "https://u@x.org", "https://x.org?q"})
  void whatIsNotAnOriginIsRefused(String given) {
    assertEquals(Optional.empty(), Origins.normalize(given));
  }
}
