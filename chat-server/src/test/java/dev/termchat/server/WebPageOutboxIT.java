package dev.termchat.server;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.termchat.protocol.ChatMessage;
import dev.termchat.protocol.Register;
import dev.termchat.protocol.Welcome;
import dev.termchat.testing.ChatPage;
import dev.termchat.testing.RedisServer;
import dev.termchat.testing.WebSocketRecorder;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The page's lines go out in the order typed, through a long outage of a cluster's Redis during
 * which the node refuses each as {@code unavailable}, in Chromium.
 */
class WebPageOutboxIT {
  private static final Pattern MESSAGES_IN = Pattern.compile("(?m)^termchat_messages_in_total(?:\\{[^}]*\\})? ([0-9.E]+)$");

  @RegisterExtension final ChatPage page = new ChatPage();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private RedisServer redis;
  private ChatServer node;
  private WebSocketRecorder observer;

  @BeforeEach
  void start() throws Exception {
    redis = RedisServer.start();
    node = ChatServer.start(ServerConfig.builder().port(0).redis(redis.uri()).build());
  }

  @AfterEach
  void stop() throws Exception {
    if (observer != null) {
      observer.closeBlocking();
    }
    if (node != null) {
      node.close();
    }
    redis.close();
  }

  @Test
  void linesTypedThroughALongOutageGoOutInTheOrderTyped() throws Exception {
    page.join(node.uri(), "ann");
    observer = WebSocketRecorder.extended(node.uri()).open();
    observer.nextFrame(Welcome.class);
    observer.send(new Register("obs"));
    observer.nextFrameAfterPresence(Register.class);
    page.say("before");
    assertEquals("before", observer.nextMessage().message());

    redis.close();
    page.say("one");
    page.waitFor(() -> page.status().contains("cannot take messages just now"));
    page.say("two");
    page.say("three");
    // A long outage: the node refuses the page's lines again and again, six times in all (12 s
    // and more when the page tries one line every 2 s).
    double before = messagesIn();
    await().atMost(Duration.ofSeconds(60)).until(() -> messagesIn() >= before + 6);
    page.say("four");

    redis.restart();
    await().atMost(Duration.ofSeconds(30)).until(this::healthy);
    // Typed the moment the node takes lines again, while the older ones wait for their retry.
    page.say("five");

    List<String> seen = new ArrayList<>();
    while (seen.size() < 5) {
      seen.add(observer.nextMessage().message());
    }
    assertEquals(List.of("one", "two", "three", "four", "five"), seen, "everyone sees the lines in the order typed");
    page.waitFor(() -> (Long) page.script("return document.querySelectorAll('#messages .pending').length") == 0L);
    assertEquals(
        List.of("before", "one", "two", "three", "four", "five"),
        page.script("return [...document.querySelectorAll('#messages li:not(.notice)')].map((line) => line.lastChild.textContent)"),
        "the page shows them in that order too");
  }

  private boolean healthy() throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create(ChatPage.pageUrl(node.uri()) + "healthz")).build();
    return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
  }

  private double messagesIn() throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create(ChatPage.pageUrl(node.uri()) + "metrics")).build();
    String metrics = http.send(request, HttpResponse.BodyHandlers.ofString()).body();
    Matcher matcher = MESSAGES_IN.matcher(metrics);
    if (!matcher.find()) {
      throw new AssertionError("no termchat_messages_in_total in /metrics:\n" + metrics);
    }
    return Double.parseDouble(matcher.group(1));
  }
}
