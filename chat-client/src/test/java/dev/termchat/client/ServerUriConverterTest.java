package dev.termchat.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine.TypeConversionException;

/** What {@code --server} takes: a URL, or a host and port without a scheme, taken as ws://. */
class ServerUriConverterTest {
  private final ServerUriConverter converter = new ServerUriConverter();

  @ParameterizedTest
  @CsvSource({
    "ws://127.0.0.1:8080, ws://127.0.0.1:8080",
    "WSS://chat.example.org, wss://chat.example.org",
    "127.0.0.1:9000, ws://127.0.0.1:9000",
    "localhost:9000, ws://localhost:9000",
    "chat.example.org, ws://chat.example.org:8080",
    "[::1]:9000, ws://[::1]:9000",
    "[::1], ws://[::1]:8080",
  })
  void aUrlOrAHostWithOrWithoutAPort(String given, String taken) {
    assertEquals(URI.create(taken), converter.convert(given));
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://127.0.0.1:8080", "ws://", "::1", "a b:80", ""})
  void anythingElseIsRefusedWithTheFormsItTakes(String given) {
    TypeConversionException refused = assertThrows(TypeConversionException.class, () -> converter.convert(given));
    assertTrue(refused.getMessage().contains("use ws://HOST:PORT, wss://HOST:PORT or HOST:PORT"), refused.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"127.0.0.1:0", "ws://127.0.0.1:99999", "127.0.0.1:65536"})
  void aPortOutOfRangeIsRefused(String given) {
    TypeConversionException refused = assertThrows(TypeConversionException.class, () -> converter.convert(given));
    assertTrue(refused.getMessage().contains("is not between 1 and 65535"), refused.getMessage());
  }
}
