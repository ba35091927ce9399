package dev.termchat.server.room;

import dev.termchat.server.wire.OutgoingFrame;
import dev.termchat.protocol.ServerFrame;
import dev.termchat.protocol.Users;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;

/**
 * When the users list goes out. At once when the room is quiet; while people keep joining and
 * leaving, at most every 50 ms, less often when sending one to everyone takes long (the room
 * spends at most a fifth of its time on them), and never past the bytes a second that lists may
 * take to each client and to everyone together ({@link ListBudget}): a list costs its length
 * times the room, so a room twice as big sends lists half as often, and nothing, not even a
 * message from someone the last list did not name, makes their bytes grow with the square of the
 * room. A wave of ten thousand joins then costs a handful of lists, not ten thousand, each to
 * everyone.
 *
 * <p>Extended clients get the joins, leaves and renames within 50 ms, in order, and before any
 * message of whoever they name; the list, when it goes, is never older than those. A base client must see a list
 * naming a sender before that sender's message: when one the last list did not name speaks and
 * no list may go yet, its messages to base clients wait in the {@link BaseHold} for the next
 * list. In a room of more than {@code --list-names} people a list names only the most recently
 * active ({@link ListNames}), and whoever speaks unnamed is named by the next. Confined to the
 * room thread.
 */
final class UsersList {
  private static final Logger log = RoomLogger.LOG;
  private static final long MIN_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
  private static final int TIME_SHARE = 5;
  /**
   * The bytes of users lists a second that a client is asked to take while people come and go:
   * a room of thousands with long names has lists of a megabyte, which at 20 a second would be
   * more than a healthy client on a slow link can read.
   */
  private static final long LIST_BYTES_PER_SECOND = 256 * 1024;
  /**
   * The bytes of users lists a second to everyone together while people come and go: 2,000
   * users of 10-character names, each sent a list of 26 KB, get one every 1.6 s.
   */
  static final long FAN_OUT_BYTES_PER_SECOND = 32L * 1024 * 1024;

  /**
   * The bytes a second of lists to one newcomer each ({@link #welcome}): enough for a newcomer
   * every few milliseconds in a room of 10,000 (lists of 130 KB), little beside a wave of joins,
   * which waits for the lists to everyone instead.
   */
  static final long WELCOME_BYTES_PER_SECOND = 4L * 1024 * 1024;

  /** Whose list it is: the default room's, where base and extended clients are. */
  private final DefaultRoom room;
  private final Delivery delivery;
  private final PresenceLog presence = new PresenceLog();
  /** Whether the presence log holds changes not sent yet. */
  private boolean presencePending;
  /** When presence changes last went out. */
  private long presenceSent;
  private boolean changed;
  /** The names in the last list sent, in its order, and as a set. */
  private List<String> lastNames = List.of();
  private Set<String> named = Set.of();
  private final ListNames listNames;
  /** The room thread's clock, in nanoseconds; a test's own in tests of this class alone. */
  private final LongSupplier nanoTime;
  private final ListBudget budget;
  /** For lists to one newcomer each ({@link #welcome}). */
  private final ListBudget welcomes;
  private long lastSent;
  /** The least time from one list to the next, for each client's sake. */
  private long interval = MIN_INTERVAL_NANOS;

  /** @param listNames the most names a list names ({@code --list-names}) */
  UsersList(DefaultRoom room, Delivery delivery, LongSupplier nanoTime, int listNames) {
    this.room = room;
    this.listNames = new ListNames(listNames);
    this.delivery = delivery;
    this.nanoTime = nanoTime;
    this.budget = new ListBudget(FAN_OUT_BYTES_PER_SECOND, nanoTime);
    this.welcomes = new ListBudget(WELCOME_BYTES_PER_SECOND, nanoTime);
    this.lastSent = nanoTime.getAsLong() - MIN_INTERVAL_NANOS;
    this.presenceSent = lastSent;
  }

  void joined(String name) {
    listNames.active(name);
    changed = true;
    presencePending = true;
    presence.joined(name);
  }

  void left(String name) {
    listNames.gone(name);
    changed = true;
    presencePending = true;
    presence.left(name);
  }

  void renamed(String from, String to) {
    listNames.gone(from);
    listNames.active(to);
    changed = true;
    presencePending = true;
    presence.renamed(from, to);
  }

  /**
   * A base client that joins this node is sent the list alone, at once, when the next list to
   * everyone is not due within each client's pace: in a room too big for the budget to send lists
   * often, it would otherwise see no message (none may come before its first list) until that
   * list, and lose those held for it past the hold's bound. These lists have a budget of their
   * own, for a wave of joins would cost one each, the room's length each: past it a newcomer
   * waits for the list to everyone, as all did before.
   */
  void welcome(Who newcomer) {
    if (nanosUntilDue() > MIN_INTERVAL_NANOS && welcomes.allows()) {
      welcomes.spend(delivery.listTo(newcomer, new Users(welcomeNames())));
    }
  }

  /** Whether a list is waiting to go out. */
  boolean changed() {
    return changed;
  }

  /** How long until the waiting list may go out; 0 or less when it may now. */
  long nanosUntilDue() {
    return Math.max(lastSent + interval - nanoTime.getAsLong(), budget.nanosUntilAllowed());
  }

  /**
   * How long the room may wait for events before {@link #endTurn} has something to do: send a
   * list that is due, or let go of held messages that may wait no longer; {@link Long#MAX_VALUE}
   * when nothing waits.
   */
  long nanosUntilWork() {
    long presenceDue = presencePending ? presenceSent + MIN_INTERVAL_NANOS - nanoTime.getAsLong() : Long.MAX_VALUE;
    long listDue = changed ? nanosUntilDue() : Long.MAX_VALUE;
    return Math.min(Math.min(presenceDue, listDue), delivery.nanosUntilHoldOverdue());
  }

  /**
   * A message from this sender is about to go out: everyone must know its sender first. Extended
   * clients are told who came and went; base clients get the waiting list if the budget allows it
   * now, and otherwise the message waits for them (and so every later one, in order) until it
   * does.
   */
  void beforeMessage(String sender) {
    listNames.active(sender);
    if (!named.contains(sender)) {
      // Past the cap a list names only the most recent; a speaker it left out is one now.
      changed = true;
    }
    sendPresence();
    if (delivery.holdOverdue()) {
      releaseHeld();
    }
    if (changed && !named.contains(sender)) {
      // Not kept to each client's pace, only to the budget: someone who joins, says one line
      // and leaves (a piped bot) would otherwise be gone before the list that could name them.
      if (budget.allows()) {
        send();
      } else {
        delivery.holdForBase();
      }
    }
  }

  /** Tells extended clients now who came, went and took another name, due or not. */
  void presenceNow() {
    sendPresence();
  }

  /** A private message is about to go out: its recipient, an extended client, is told who came first. */
  void beforePrivate() {
    sendPresence();
  }

  /** What the end of a batch of events sends: presence, the list if due, what may wait no longer. */
  void endTurn() {
    if (presencePending && nanoTime.getAsLong() - presenceSent >= MIN_INTERVAL_NANOS) {
      sendPresence();
    }
    if (changed && nanosUntilDue() <= 0) {
      send();
    } else if (delivery.holdOverdue()) {
      releaseHeld();
    }
  }

  /**
   * Sends the waiting list and everything held, due or not: the room is draining, and what it
   * took must reach its clients before they are closed. Once in a server's life.
   */
  void sendAllNow() {
    sendPresence();
    if (changed) {
      send();
    } else {
      releaseHeld();
    }
  }

  /**
   * Tells extended clients who came, went and took another name since they were last told. Each
   * time costs a look at everyone here, so at the end of a turn it waits as a list would for
   * each client's pace, coalescing a wave of joins; before a message or a list it does not wait.
   */
  private void sendPresence() {
    if (!presencePending) {
      return;
    }
    presencePending = false;
    presenceSent = nanoTime.getAsLong();
    List<Who> members = room.members();
    for (ServerFrame change : presence.drain()) {
      delivery.broadcast(change, members);
    }
  }

  private void send() {
    changed = false;
    long started = nanoTime.getAsLong();
    lastSent = started;
    sendPresence();
    List<String> names = withHeldSenders(listNames.pick(room.size(), room::names));
    Broadcast list = delivery.broadcast(new Users(names), room.members());
    lastNames = names;
    named = new HashSet<>(names);
    releaseHeld();
    delivery.flushQueued();
    OutgoingFrame frame = list.encodedFor(Dialect.EXTENDED);
    budget.spend(frame == null ? 0 : (long) frame.wireBytes() * list.recipients());
    long took = nanoTime.getAsLong() - started;
    long listBytes = 0;
    for (String name : names) {
      listBytes += name.getBytes(StandardCharsets.UTF_8).length + 3;
    }
    long forBandwidth = listBytes * TimeUnit.SECONDS.toNanos(1) / LIST_BYTES_PER_SECOND;
    interval = Math.max(Math.max(MIN_INTERVAL_NANOS, forBandwidth), took * TIME_SHARE);
  }

  /**
   * The names picked, and the sender of every line held for this list: the most recent may have
   * pushed a sender out since its line was held, or the sender may have left since (a base client
   * that joined a moment before someone's last line has its first list only after it), and a list
   * that did not name it would cost base clients that line. A sender gone is named in this list
   * alone: the next one, due at the clients' pace, leaves it out. So a list names at most the cap
   * and the senders held, whom the hold's bounds keep few.
   */
  private List<String> withHeldSenders(List<String> picked) {
    Set<String> held = delivery.heldSenders();
    if (held.isEmpty()) {
      return picked;
    }
    Set<String> inList = new HashSet<>(picked);
    List<String> names = new ArrayList<>(picked);
    for (String sender : held) {
      if (inList.add(sender)) {
        names.add(sender);
        if (!room.hasName(sender)) {
          changed = true; // The next list is the room as it is.
        }
      }
    }
    return names;
  }

  /**
   * A newcomer's own list: the room's; past the cap, the last list to everyone and whoever is
   * more recent, so that it knows the sender of every message that list lets go to base clients
   * (one who left since stays named in it until the next list, as in everyone else's).
   */
  private List<String> welcomeNames() {
    if (room.size() <= listNames.cap()) {
      return room.names();
    }
    List<String> names = new ArrayList<>(lastNames);
    for (String name : listNames.pick(room.size(), room::names)) {
      if (!named.contains(name)) {
        names.add(name);
      }
    }
    return names;
  }

  /** Queues what base clients were held back, to those whose last list named its sender. */
  private void releaseHeld() {
    Optional<String> bound = delivery.holdBoundPassed();
    int missed = delivery.release(delivery.takeHeld(), named::contains);
    if (missed > 0) {
      String why =
          bound
              .map(passed -> "the hold reached its bound of " + passed + " before a users list named their sender"
                  + " (the room is too big for the lists' budget)")
              .orElse("no users list had named their sender to those clients");
      // At most once a list or a hold: no client can make this line come often.
      log.warn("{} copies of messages were not sent to base clients: {}", missed, why);
    }
  }
}
