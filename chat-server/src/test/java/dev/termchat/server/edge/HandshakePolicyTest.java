package dev.termchat.server.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.termchat.testing.ChatFixture;
import dev.termchat.testing.RawWebSocket;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Who may open a connection: origins and the server password, checked at the handshake. */
class HandshakePolicyTest {
  private static int status(ChatFixture chat, Map<String, String> headers) throws Exception {
    try (RawWebSocket socket = RawWebSocket.connect(chat.uri(), headers)) {
      return socket.status();
    }
  }

  /** The page the server serves is of the origin the browser reached it by: the Host it asked. */
  @Nested
  class OwnPage {
    @RegisterExtension final ChatFixture chat = new ChatFixture(config -> config);

    @RegisterExtension final ChatFixture noWeb = new ChatFixture(config -> config.web(false));

    @ParameterizedTest
    @CsvSource({
      "chat.lan:8080, http://chat.lan:8080, 101",
      "Chat.LAN:8080, http://chat.lan:8080, 101",
      "192.168.1.5, http://192.168.1.5:80, 101",
      "chat.lan:8080, http://chat.lan:9090, 403",
      "chat.lan:8080, https://chat.lan:8080, 403",
      "chat.lan:8080, http://evil.example, 403",
    })
    void itsOwnOriginMayConnect(String host, String origin, int expected) throws Exception {
      assertEquals(expected, status(chat, Map.of("Host", host, "Origin", origin)));
    }

    @org.junit.jupiter.api.Test
    void notWhenItServesNoPage() throws Exception {
      assertEquals(403, status(noWeb, Map.of("Host", "chat.lan:8080", "Origin", "http://chat.lan:8080")));
    }
  }

  @Nested
  class Origins {
    @RegisterExtension
    final ChatFixture chat =
        new ChatFixture(config -> config.allowedOrigins(List.of("https://Chat.Example.org:443/")));

    @ParameterizedTest
    @ValueSource(
        strings = {
          "http://localhost",
          "http://localhost:3000",
          "https://127.0.0.1:8443",
          "http://[::1]:8080",
          "https://chat.example.org",
          "HTTPS://CHAT.EXAMPLE.ORG",
        })
    void localPagesAndConfiguredOriginsMayConnect(String origin) throws Exception {
      assertEquals(101, status(chat, Map.of("Origin", origin)));
    }

    @ParameterizedTest
    @ValueSource(
        strings = {
          "https://evil.example",
          "http://localhost.evil.example",
          "https://chat.example.org:444",
          "http://chat.example.org",
          "null",
          "http://user@localhost",
          "not a url",
          "https://chat.example.org/page",
          "https://chat.example.org; https://evil.example",
        })
    void otherPagesMayNot(String origin) throws Exception {
      assertEquals(403, status(chat, Map.of("Origin", origin)));
    }

    @org.junit.jupiter.api.Test
    void clientsThatSendNoOriginMayConnect() throws Exception {
      assertEquals(101, status(chat, Map.of()));
    }
  }

  @Nested
  class Password {
    @RegisterExtension
    final ChatFixture chat = new ChatFixture(config -> config.password("correct horse"));

    @ParameterizedTest(name = "{0}")
    @CsvSource(
        delimiter = '|',
        textBlock =
            """
            no header        | X-Nothing     |                        | 401
            wrong password   | Authorization | Bearer battery staple  | 401
            wrong scheme     | Authorization | Basic correct horse    | 401
            prefix only      | Authorization | Bearer correct         | 401
            right password   | Authorization | Bearer correct horse   | 101
            any case scheme  | Authorization | bearer correct horse   | 101
            """)
    void onlyTheRightPasswordOpens(String what, String header, String value, int expected)
        throws Exception {
      assertEquals(expected, status(chat, Map.of(header, value == null ? "" : value)), what);
    }
  }
}
