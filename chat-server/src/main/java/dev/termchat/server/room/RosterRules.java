package dev.termchat.server.room;

import static dev.termchat.server.room.RoomReplies.log;

import dev.termchat.protocol.ErrorCode;
import dev.termchat.protocol.NameRules;
import dev.termchat.protocol.Printable;
import dev.termchat.protocol.Register;
import dev.termchat.protocol.RoomNames;
import dev.termchat.server.room.RoomEvent.Join;
import dev.termchat.server.room.RoomEvent.Leave;
import dev.termchat.server.room.RoomEvent.Present;
import dev.termchat.server.room.RoomEvent.Refuse;
import dev.termchat.server.room.RoomEvent.Rename;
import dev.termchat.server.room.RoomEvent.Roster;
import dev.termchat.server.room.RoomEvent.Say;
import dev.termchat.server.room.RoomEvent.Whisper;
import dev.termchat.server.room.UserRegistry.Entry;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the room does about a log that loses entries: each node says who it has (its roster),
 * and the others mend their lists by it; an event of this node's that the log lost is undone or
 * refused here alone. Room thread only.
 */
final class RosterRules {
  private final RoomParts parts;
  private final UserRegistry registry;
  private final Delivery delivery;
  private final UsersList users;
  private final Sessions sessions;
  private final PresenceLines presence;
  private final RosterClock rosterClock;
  private final RoomCursor cursor;
  private final RoomReplies replies;
  private final MembershipRules membership;

  RosterRules(RoomParts parts, MembershipRules membership) {
    this.parts = parts;
    this.registry = parts.registry();
    this.delivery = parts.delivery();
    this.users = parts.users();
    this.sessions = parts.sessions();
    this.presence = parts.presence();
    this.rosterClock = parts.rosterClock();
    this.cursor = parts.cursor();
    this.replies = parts.replies();
    this.membership = membership;
  }

  /** Another node's roster: its users this node missed join, those it kept too long leave. */
  void apply(Roster roster) {
    String node = roster.who().node();
    if (parts.local(roster.who())) {
      return; // This node knows its own; it applied what the log lost of them already.
    }
    registry.decideFor(cursor.id());
    Set<Long> present = new HashSet<>();
    roster.present().forEach(one -> present.add(one.connection()));
    for (Who who : registry.members()) {
      if (who.node().equals(node) && !present.contains(who.connection()) && rosterClock.joinedBy(who, roster.asOf())) {
        membership.leave(new Leave(who, "its node no longer has it", false));
      }
    }
    for (Present one : roster.present()) {
      Who who = new Who(node, one.connection());
      String requested = NameRules.normalize(one.name());
      if (requested == null || NameRules.problem(requested).or(() -> registry.reservation(requested)).isPresent()) {
        // No node registers such a name: the roster is not one of theirs.
        if (replies.logDrop()) {
          log.warn("Skipped a roster's user with a name no node gives, from node {}", Printable.escape(node));
        }
        continue;
      }
      if (registry.nameOf(who) == null && !rosterClock.leftLately(who)) {
        // Another user has the name here only because this node missed this one's join (it
        // started after the log lost it): the name is the roster's, as on the nodes that saw
        // the join, and the other user gets the variant they gave it.
        Optional<Who> holder = registry.whoIs(requested).filter(other -> !other.equals(who));
        Entry displaced = holder.map(registry::release).orElse(null);
        if (one.dialect() == Dialect.ROOMS) {
          // In the rooms its roster names, the default one only if named.
          parts.rooms().general().keepOut(who);
        }
        String name = registry.claim(who, requested, one.address(), one.dialect(), cursor.time());
        if (displaced != null) {
          moveAside(holder.get(), displaced);
        }
        if (one.dialect() != Dialect.ROOMS) {
          users.joined(name);
        } else {
          membership.enterFromRoster(who, name, one.rooms() == null ? List.of() : one.rooms());
        }
        rosterClock.joined(who, cursor.id());
        if (!cursor.replaying()) {
          presence.joined(who, name, one.address(), false, " (its node said again who it has)");
        }
      }
    }
    if (roster.ask() && !cursor.replaying()) {
      // A past ask was answered then; this node says who it has as it starts, and asks anew.
      parts.toLog().accept(roster(false));
    }
  }

  /** Registers a user again, under a free variant of its name, and tells it so. */
  private void moveAside(Who who, Entry entry) {
    String moved = registry.claim(who, entry.name(), entry.address(), entry.dialect(), cursor.time());
    if (parts.rooms().general().contains(who)) {
      users.renamed(entry.name(), moved);
    }
    membership.renamedInRooms(who, entry.name(), moved);
    sessions.renamed(who, moved);
    Member member = delivery.member(who);
    if (member != null) {
      member.registeredAs(moved);
      delivery.sendTo(who, new Register(moved));
    }
    if (!cursor.replaying()) {
      presence.renamed(who, entry.name(), moved, ": the other nodes gave the name to someone else first");
    }
  }

  /** The rooms a rooms client is in, the default one included; {@code null} for any other client. */
  private List<String> roomsOf(Who who, Entry entry) {
    if (entry.dialect() != Dialect.ROOMS) {
      return null;
    }
    List<String> in = new ArrayList<>();
    if (parts.rooms().general().contains(who)) {
      in.add(RoomNames.DEFAULT_ROOM);
    }
    parts.rooms().roomsOf(who).forEach(room -> in.add(room.name()));
    return in;
  }

  /** Who is registered on this node, as the others should know it. */
  Roster roster(boolean ask) {
    List<Present> present = new ArrayList<>();
    for (Who who : registry.members()) {
      if (parts.local(who)) {
        Entry entry = registry.entryOf(who);
        present.add(new Present(who.connection(), entry.name(), entry.address(), entry.dialect(), roomsOf(who, entry)));
      }
    }
    LogEntry current = cursor.current();
    return new Roster(new Who(parts.settings().node(), 0), present, current == null ? null : current.id(), ask);
  }

  /**
   * An event of this node's that the log took but could not keep: what it asked for is undone or
   * refused here, and its sender told, as if the room had refused it.
   */
  void lost(RoomEvent event) {
    event.accept(
        new RoomEvent.Visitor<Void>() {
          @Override
          public Void join(Join join) {
            if (join.issued() != null) {
              parts.issued().remove(join.issued());
            }
            replies.tell(join.who(), ErrorCode.UNAVAILABLE, "the server's store is out of reach; connect again in a moment");
            // Unregistered, its connection is let go, and its client comes back later.
            membership.leave(new Leave(join.who(), "the server could not store its join", false));
            return null;
          }

          @Override
          public Void say(Say say) {
            return unavailable(say.who(), "message not delivered", say.clientId());
          }

          @Override
          public Void whisper(Whisper whisper) {
            return unavailable(whisper.who(), "message not delivered", whisper.clientId());
          }

          @Override
          public Void rename(Rename rename) {
            return unavailable(rename.who(), "name not changed", null);
          }

          @Override
          public Void refuse(Refuse refuse) {
            replies.refuse(refuse.who(), refuse.code(), refuse.reason(), refuse.clientId());
            return null;
          }

          @Override
          public Void leave(Leave leave) {
            // Here at once; the others drop it when this node says again who it has.
            membership.leave(leave);
            return null;
          }

          @Override
          public Void roster(Roster roster) {
            return null; // Said again once the log is back.
          }

          @Override
          public Void enter(RoomEvent.Enter enter) {
            replies.refuse(enter.who(), ErrorCode.UNAVAILABLE, "the server's store is out of reach; not joined to " + RoomReplies.quoted(enter.room()));
            return null;
          }

          @Override
          public Void topic(RoomEvent.SetTopic topic) {
            replies.refuse(topic.who(), ErrorCode.UNAVAILABLE, "the server's store is out of reach; topic not set");
            return null;
          }

          @Override
          public Void listRooms(RoomEvent.ListRooms list) {
            return null; // Never logged, so never lost.
          }

          @Override
          public Void scrollback(RoomEvent.Scrollback scrollback) {
            return null; // Never logged, so never lost.
          }

          @Override
          public Void search(RoomEvent.Search search) {
            return null; // Never logged, so never lost.
          }

          @Override
          public Void answer(RoomEvent.Answer answer) {
            return null; // Never logged, so never lost.
          }

          @Override
          public Void account(RoomEvent.Account account) {
            // Kept where the password was checked; the reservation waits for the log's return.
            replies.refuse(account.who(), ErrorCode.UNAVAILABLE, "the chat's log is out of reach; every node will know of your account once it is back");
            return null;
          }

          @Override
          public Void exit(RoomEvent.Exit exit) {
            replies.refuse(exit.who(), ErrorCode.UNAVAILABLE, "the server's store is out of reach; still in " + RoomReplies.quoted(exit.room()));
            return null;
          }

          @Override
          public Void line(RoomEvent.Line line) {
            return unavailable(line.who(), "message not delivered", line.clientId());
          }

          @Override
          public Void moderate(RoomEvent.Moderate moderate) {
            return unavailable(moderate.who(), "nothing was done", null);
          }

          private Void unavailable(Who who, String outcome, String clientId) {
            replies.refuse(who, ErrorCode.UNAVAILABLE, "the server's store is out of reach; " + outcome, clientId);
            return null;
          }
        });
  }
}
