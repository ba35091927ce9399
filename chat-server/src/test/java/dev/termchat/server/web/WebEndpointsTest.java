package dev.termchat.server.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.termchat.server.edge.HttpAnswer;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Who gets what of the plain HTTP face. */
class WebEndpointsTest {
  private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

  private static InetAddress elsewhere() throws Exception {
    return InetAddress.getByAddress(new byte[] {(byte) 192, 0, 2, 7});
  }

  @Test
  void metricsAreForThisMachineUnlessSaidOtherwise() throws Exception {
    WebEndpoints local = new WebEndpoints(true, () -> true, () -> "m 1\n", false);
    assertEquals(200, local.answer("/metrics", LOOPBACK).orElseThrow().status());
    HttpAnswer refused = local.answer("/metrics", elsewhere()).orElseThrow();
    assertEquals(403, refused.status());
    assertTrue(new String(refused.body(), StandardCharsets.UTF_8).contains("--metrics-from-anywhere"));
    WebEndpoints open = new WebEndpoints(true, () -> true, () -> "m 1\n", true);
    assertEquals("m 1\n", new String(open.answer("/metrics", elsewhere()).orElseThrow().body(), StandardCharsets.UTF_8));
  }

  @Test
  void healthSaysWhatTheServerSaysToAnyone() throws Exception {
    assertEquals(200, new WebEndpoints(false, () -> true, () -> "", false).answer("/healthz", elsewhere()).orElseThrow().status());
    assertEquals(503, new WebEndpoints(false, () -> false, () -> "", false).answer("/healthz", elsewhere()).orElseThrow().status());
  }

  @Test
  void everyFileOfThePageIsServedWithItsPolicyAndNothingElseIs() {
    WebEndpoints web = new WebEndpoints(true, () -> true, () -> "", false);
    for (String path : new String[] {"/", "/index.html", "/app.js", "/style.css"}) {
      HttpAnswer page = web.answer(path, LOOPBACK).orElseThrow();
      assertEquals(200, page.status(), path);
      assertTrue(page.headers().contains(WebEndpoints.CONTENT_SECURITY_POLICY), path);
    }
    assertEquals(404, web.answer("/../pom.xml", LOOPBACK).orElseThrow().status());
    assertEquals(404, web.answer("/favicon.ico", LOOPBACK).orElseThrow().status());
    assertTrue(new WebEndpoints(false, () -> true, () -> "", false).answer("/", LOOPBACK).isEmpty());
  }
}
