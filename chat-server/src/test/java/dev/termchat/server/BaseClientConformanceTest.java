package dev.termchat.server;

import static dev.termchat.testing.ChatFixture.register;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.termchat.protocol.ChatMessage;
import dev.termchat.protocol.ErrorReply;
import dev.termchat.protocol.Nick;
import dev.termchat.protocol.Register;
import dev.termchat.protocol.SendAction;
import dev.termchat.protocol.SendMessage;
import dev.termchat.protocol.SendPrivate;
import dev.termchat.protocol.Users;
import dev.termchat.testing.ChatFixture;
import dev.termchat.testing.WebSocketRecorder;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A client that speaks only the base protocol and, like YewChat, fails on anything it does not
 * know, stays connected while everything else happens around it.
 */
class BaseClientConformanceTest {
  private static final Set<String> BASE_TYPES = Set.of("register", "users", "message");
  private static final ObjectMapper JSON = new ObjectMapper();

  @RegisterExtension final ChatFixture chat = new ChatFixture();

  @Test
  void aStrictBaseClientNeverReceivesAnythingItDoesNotKnow() throws Exception {
    WebSocketRecorder yew = chat.connect();
    yew.send("{\"messageType\":\"register\",\"dataArray\":null,\"data\":\"yew\"}");

    WebSocketRecorder extended = chat.connectExtended();
    extended.nextText(); // its welcome
    extended.send("not json");
    extended.send("{\"messageType\":\"dance\"}");
    extended.send(new SendMessage("before register"));
    for (int i = 0; i < 3; i++) {
      extended.nextFrame(ErrorReply.class);
    }
    register(extended, "ext");
    extended.send(new SendMessage("from an extended client", "c1"));
    extended.send(new SendAction("waves", "c2"));
    extended.send(new SendPrivate("yew", "psst", "c3")); // refused: yew cannot show it
    extended.send(new Nick("extra"));
    extended.send(new SendMessage("from an extended client", "c1")); // a copy: said once

    // Joins with the history so far, and resumes: nothing of it may reach yew.
    WebSocketRecorder late = chat.connectExtended();
    late.nextText();
    late.send(new Register("late", List.of("history=50", "resume=0-0")));

    WebSocketRecorder plain = chat.connect();
    plain.send("a plain line");
    assertTrue(plain.nextText().endsWith(": a plain line"), "its own line, as plain text");

    WebSocketRecorder stranger = chat.connect();
    stranger.send(new SendMessage("never registered"));
    stranger.send("{\"messageType\":\"users\",\"dataArray\":[\"fake\"]}");

    WebSocketRecorder twin = chat.connect();
    register(twin, "YEW");
    twin.send(new SendMessage("I am yew's twin"));
    twin.nextFrame(ChatMessage.class); // its echo: everyone has it
    twin.dropConnection();

    WebSocketRecorder guest = chat.connect();
    guest.send(new Register(null));
    guest.send(new SendMessage("a \"quoted\" \\ line\nwith a newline"));
    guest.nextFrame(Register.class);
    guest.nextFrame(Users.class);
    guest.nextFrame(ChatMessage.class);
    guest.closeBlocking();

    yew.send(new SendMessage("the end"));
    List<String> received = new ArrayList<>();
    while (true) {
      String text = yew.nextText();
      received.add(text);
      if (text.contains("the end")) {
        break;
      }
    }
    assertReceivedOnlyWhatYewChatUnderstands(received);
    assertTrue(received.stream().anyMatch(text -> text.contains("* ext waves")), "the action as text: " + received);
    // Joins and leaves close together may share a users list, so only messages are counted:
    // ext's message and action, the plain line, the twin's, the guest's and the end.
    assertEquals(6, received.stream().filter(text -> text.contains("\"message\",\"data\"")).count(), "received " + received);
  }

  /** Checks every frame as YewChat's strict deserializer would, and the users-list rule. */
  private static void assertReceivedOnlyWhatYewChatUnderstands(List<String> frames)
      throws Exception {
    List<String> latestUsers = List.of();
    // In this scenario no name comes back once gone, so an older list after a newer one would
    // bring a departed name back.
    Set<String> departed = new java.util.HashSet<>();
    for (String text : frames) {
      JsonNode frame = JSON.readTree(text);
      assertTrue(frame.isObject(), text);
      String type = frame.path("messageType").asText(null);
      assertTrue(BASE_TYPES.contains(type), "unknown type in " + text);
      for (Iterator<String> fields = frame.fieldNames(); fields.hasNext(); ) {
        String field = fields.next();
        assertTrue(Set.of("messageType", "data", "dataArray").contains(field), text);
      }
      if (frame.has("data")) {
        assertTrue(frame.get("data").isTextual(), "data is not a string in " + text);
      }
      switch (type) {
        case "users" -> {
          List<String> names = new ArrayList<>();
          frame.get("dataArray").forEach(name -> names.add(name.textValue()));
          for (String name : names) {
            assertTrue(!departed.contains(name), "an older users list came after a newer one: " + text);
          }
          for (String name : latestUsers) {
            if (!names.contains(name)) {
              departed.add(name);
            }
          }
          latestUsers = names;
        }
        case "message" -> {
          JsonNode data = JSON.readTree(frame.get("data").textValue());
          for (Iterator<String> fields = data.fieldNames(); fields.hasNext(); ) {
            String field = fields.next();
            assertTrue(Set.of("from", "message", "time", "address").contains(field), "new field in " + text);
          }
          String from = data.get("from").textValue();
          assertTrue(data.get("message").isTextual(), text);
          assertTrue(data.get("time").isIntegralNumber(), text);
          if (!latestUsers.contains(from)) {
            fail(from + " is not in the latest users list " + latestUsers + " before " + text);
          }
        }
        case "register" -> assertEquals("yew", frame.get("data").textValue(), text);
        default -> fail("unreachable");
      }
    }
  }
}
