package dev.termchat.server.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.termchat.server.edge.HttpAnswer;
import dev.termchat.server.edge.PlainHttp;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Who gets what of the plain HTTP face. */
class WebEndpointsTest {
  private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

  private static InetAddress elsewhere() throws Exception {
    return InetAddress.getByAddress(new byte[] {(byte) 192, 0, 2, 7});
  }

  private static PlainHttp.Request get(String path, InetAddress peer) {
    return new PlainHttp.Request(path, peer, "127.0.0.1:8080", false);
  }

  @Test
  void metricsAreForThisMachineUnlessSaidOtherwise() throws Exception {
    WebEndpoints local = new WebEndpoints(PageMode.OPEN, () -> true, () -> "m 1\n", false);
    assertEquals(200, local.answer(get("/metrics", LOOPBACK)).orElseThrow().status());
    HttpAnswer refused = local.answer(get("/metrics", elsewhere())).orElseThrow();
    assertEquals(403, refused.status());
    assertTrue(new String(refused.body(), StandardCharsets.UTF_8).contains("--metrics-from-anywhere"));
    WebEndpoints open = new WebEndpoints(PageMode.OPEN, () -> true, () -> "m 1\n", true);
    assertEquals("m 1\n", new String(open.answer(get("/metrics", elsewhere())).orElseThrow().body(), StandardCharsets.UTF_8));
    // Loopback, but through a proxy on this machine, or to a name rebound to this machine.
    assertEquals(403, local.answer(new PlainHttp.Request("/metrics", LOOPBACK, "127.0.0.1:8080", true)).orElseThrow().status());
    assertEquals(403, local.answer(new PlainHttp.Request("/metrics", LOOPBACK, "evil.example:8080", false)).orElseThrow().status());
    assertEquals(200, local.answer(new PlainHttp.Request("/metrics", LOOPBACK, "localhost:8080", false)).orElseThrow().status());
    assertEquals(200, local.answer(new PlainHttp.Request("/metrics", LOOPBACK, "[::1]:8080", false)).orElseThrow().status());
  }

  @Test
  void healthSaysWhatTheServerSaysToAnyone() throws Exception {
    assertEquals(200, new WebEndpoints(PageMode.NONE, () -> true, () -> "", false).answer(get("/healthz", elsewhere())).orElseThrow().status());
    assertEquals(503, new WebEndpoints(PageMode.NONE, () -> false, () -> "", false).answer(get("/healthz", elsewhere())).orElseThrow().status());
  }

  @Test
  void everyFileOfThePageIsServedWithItsPolicyAndNothingElseIs() {
    WebEndpoints web = new WebEndpoints(PageMode.OPEN, () -> true, () -> "", false);
    for (String path : new String[] {"/", "/index.html", "/app.js", "/commands.js", "/conversation.js", "/join.js", "/moderation.js", "/names.js", "/outbox.js", "/recall.js", "/rooms.js", "/roomview.js", "/scrollback.js", "/session.js", "/text.js", "/style.css"}) {
      HttpAnswer page = web.answer(get(path, LOOPBACK)).orElseThrow();
      assertEquals(200, page.status(), path);
      assertTrue(page.headers().contains(WebEndpoints.CONTENT_SECURITY_POLICY), path);
    }
    assertEquals(404, web.answer(get("/../pom.xml", LOOPBACK)).orElseThrow().status());
    assertEquals(404, web.answer(get("/favicon.ico", LOOPBACK)).orElseThrow().status());
    assertTrue(new WebEndpoints(PageMode.NONE, () -> true, () -> "", false).answer(get("/", LOOPBACK)).isEmpty());
  }

  @Test
  void thePageLearnsWhetherTheServerWantsAPasswordItCannotGive() {
    assertEquals("{\"password\":false}", body(new WebEndpoints(PageMode.OPEN, () -> true, () -> "", false), "/settings.json"));
    assertEquals("{\"password\":true}", body(new WebEndpoints(PageMode.PASSWORD, () -> true, () -> "", false), "/settings.json"));
    assertTrue(new WebEndpoints(PageMode.NONE, () -> true, () -> "", false).answer(get("/settings.json", LOOPBACK)).isEmpty());
  }

  private static String body(WebEndpoints web, String path) {
    HttpAnswer answer = web.answer(get(path, LOOPBACK)).orElseThrow();
    assertEquals(200, answer.status(), path);
    return new String(answer.body(), StandardCharsets.UTF_8);
  }
}
