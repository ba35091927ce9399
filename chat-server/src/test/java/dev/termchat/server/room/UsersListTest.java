package dev.termchat.server.room;

import dev.termchat.server.wire.OutgoingFrame;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.termchat.protocol.ChatMessage;
import dev.termchat.protocol.FrameCodec;
import dev.termchat.protocol.Presence;
import dev.termchat.protocol.Users;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * When users lists go out while people come and go, and what waits for them, on a clock the test
 * moves. The test plays the room's part: it applies events as {@link RoomRules} does and ends
 * each turn as {@link ChatRoom} does.
 */
class UsersListTest {
  private static final long SECOND = TimeUnit.SECONDS.toNanos(1);
  /** 2,000 names of 110 bytes: a list of 226 KB, 452 MB to everyone, 13.5 s of the budget. */
  private static final int BIG_ROOM = 2000;
  private static final String LONG = "x".repeat(100);

  private final AtomicLong nanos = new AtomicLong(1_000 * SECOND);
  private final UserRegistry registry = new UserRegistry();
  private final Delivery delivery = new Delivery(new FrameCodec(), nanos::get);
  private UsersList users =
      new UsersList(new DefaultRoom(registry, new MessageHistory(0)), delivery, nanos::get, PresenceLimits.DEFAULT_LIST_NAMES);
  private final List<CountingMember> crowd = new ArrayList<>();

  @Test
  void listsToEveryoneTogetherNeverTakeMoreThanTheirBytesASecondHoweverFastNewcomersComeAndSpeak() {
    fillTheRoom();
    users.endTurn();
    long listCost = crowd.get(0).listBytes * crowd.size();
    assertTrue(listCost > 10 * UsersList.FAN_OUT_BYTES_PER_SECOND, "a list costs " + listCost);

    long start = nanos.get();
    long seconds = 60;
    for (int step = 0; nanos.get() - start < seconds * SECOND; step++) {
      // A join, a line from the newcomer and its leave every 10 ms, as a16_userlist_amplification does.
      FakeMember churner = FakeMember.baseClient();
      delivery.attach(churner);
      String name = registry.claim(churner.who(), "churner" + step, churner.address(), Dialect.BASE, 0);
      users.joined(name);
      users.beforeMessage(name);
      delivery.broadcast(new ChatMessage(false, name, "hi", 0, null, null, null), registry.members());
      users.left(registry.release(churner.who()).name());
      delivery.detach(churner.who());
      users.endTurn();
      long elapsed = nanos.get() - start;
      long allowed = UsersList.FAN_OUT_BYTES_PER_SECOND * (elapsed + SECOND) / SECOND + listCost;
      assertTrue(listBytesToAll() - listCost <= allowed, "lists took " + listBytesToAll() + " bytes in " + elapsed + " ns");
      nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(10));
    }
    long lists = crowd.get(0).lists - 1;
    assertTrue(lists >= 3, "lists still go, as the budget allows: " + lists + " in " + seconds + " s");
  }

  @Test
  void whenTheBudgetAllowsNoListAMessageFromSomeoneNewWaitsForBaseClientsUntilItDoesAndGoesToExtendedOnesAtOnce()
      throws Exception {
    fillTheRoom(BIG_ROOM / 2); // A list costs 113 MB to everyone, 3.4 s of the budget.
    FakeMember alice = join(FakeMember.baseClient(), "alice");
    FakeMember bob = join(FakeMember.extendedClient(), "bob");
    users.endTurn();
    assertTrue(alice.next(Users.class).names().contains("alice"));
    skipTo(bob, Users.class);

    nanos.addAndGet(SECOND);
    FakeMember carol = join(FakeMember.extendedClient(), "carol");
    say("carol", "hello");
    say("alice", "and you are?");
    users.endTurn();
    assertEquals(List.of("carol"), bob.next(Presence.class).names(), "told of carol at once");
    assertEquals("hello", bob.next(ChatMessage.class).message());
    assertEquals("and you are?", bob.next(ChatMessage.class).message());
    alice.assertNoMoreFrames();

    long due = users.nanosUntilWork();
    assertTrue(due > 0 && due < BaseHold.MAX_HOLD_SECONDS * SECOND, "the list is due in " + due + " ns");
    nanos.addAndGet(due - 1);
    users.endTurn();
    alice.assertNoMoreFrames();
    nanos.addAndGet(1);
    users.endTurn();
    assertTrue(alice.next(Users.class).names().contains("carol"));
    assertEquals("hello", alice.next(ChatMessage.class).message());
    assertEquals("and you are?", alice.next(ChatMessage.class).message(), "in order");
    assertTrue(bob.next(Users.class).names().contains("carol"));
    bob.assertNoMoreFrames();
    skipTo(carol, Users.class);
  }

  @Test
  void aSenderNoListNamedGetsOneAtOnceWhenTheBudgetAllowsEvenBetweenTwoListsOfTheSamePace() throws Exception {
    FakeMember alice = aliceListedAMomentAgo();
    FakeMember bot = join(FakeMember.extendedClient(), "bot");
    say("bot", "one line, then gone");
    users.left(registry.release(bot.who()).name());
    delivery.detach(bot.who());
    users.endTurn();
    assertEquals(List.of("alice", "bot"), alice.next(Users.class).names());
    assertEquals("one line, then gone", alice.next(ChatMessage.class).message());
  }

  @Test
  void presenceWithoutAMessageWaitsForEachClientsPaceSoThatAWaveOfJoinsIsOneFrame() throws Exception {
    FakeMember bob = join(FakeMember.extendedClient(), "bob");
    users.endTurn();
    bob.next(Presence.class);
    bob.next(Users.class);

    nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(1));
    join(FakeMember.extendedClient(), "carol");
    users.endTurn();
    join(FakeMember.extendedClient(), "dave");
    users.endTurn();
    bob.assertNoMoreFrames();
    nanos.addAndGet(users.nanosUntilWork());
    users.endTurn();
    assertEquals(List.of("carol", "dave"), bob.next(Presence.class).names());
    assertEquals(List.of("bob", "carol", "dave"), bob.next(Users.class).names());
  }

  @Test
  void aBaseClientThatJustJoinedGetsNoMessageBeforeItsFirstList() throws Exception {
    FakeMember alice = aliceListedAMomentAgo();
    FakeMember bob = join(FakeMember.baseClient(), "bob");
    say("alice", "welcome");
    users.endTurn();
    assertEquals("welcome", alice.next(ChatMessage.class).message(), "alice's list named her");
    bob.assertNoMoreFrames();

    nanos.addAndGet(users.nanosUntilWork());
    users.endTurn();
    assertEquals(List.of("alice", "bob"), bob.next(Users.class).names());
    assertEquals("welcome", bob.next(ChatMessage.class).message());
  }

  /**
   * A newcomer's first list may come only after the last line of someone who then left: that list
   * still names the sender, so the line is not lost, and the next list, at the clients' pace, no
   * longer does (a bench sender that closes once its own copies came lost it so).
   */
  @Test
  void aNewcomerGetsTheLastLineOfASenderWhoLeftBeforeItsFirstList() throws Exception {
    FakeMember alice = aliceListedAMomentAgo();
    FakeMember bob = join(FakeMember.baseClient(), "bob");
    say("alice", "bye");
    users.endTurn();
    users.left(registry.release(alice.who()).name());
    delivery.detach(alice.who());
    users.endTurn();
    bob.assertNoMoreFrames();

    nanos.addAndGet(users.nanosUntilWork());
    users.endTurn();
    assertEquals(List.of("bob", "alice"), bob.next(Users.class).names(), "the list before her line names her");
    assertEquals("bye", bob.next(ChatMessage.class).message());
    bob.assertNoMoreFrames();

    nanos.addAndGet(users.nanosUntilWork());
    users.endTurn();
    assertEquals(List.of("bob"), bob.next(Users.class).names(), "the next is the room as it is");
    bob.assertNoMoreFrames();
  }

  @Test
  void messagesHeldForBaseClientsWaitNoLongerThanTheHoldsBoundThenGoIfTheirSenderWasNamed() throws Exception {
    fillTheRoom();
    FakeMember yew = join(FakeMember.baseClient(), "yew");
    FakeMember ext = join(FakeMember.extendedClient(), "ext");
    users.endTurn();
    yew.next(Users.class);
    skipTo(ext, Users.class);
    long listDue = users.nanosUntilWork();
    assertTrue(listDue > (BaseHold.MAX_HOLD_SECONDS + 1) * SECOND, "the next list is due in " + listDue + " ns");

    nanos.addAndGet(SECOND);
    join(FakeMember.extendedClient(), "newcomer");
    say("newcomer", "one");
    say("yew", "two");
    users.endTurn();
    assertEquals("one", skipTo(ext, ChatMessage.class).message());
    assertEquals("two", ext.next(ChatMessage.class).message());
    yew.assertNoMoreFrames();

    assertEquals(BaseHold.MAX_HOLD_SECONDS * SECOND, users.nanosUntilWork(), "the room wakes when the hold ends");
    nanos.addAndGet(BaseHold.MAX_HOLD_SECONDS * SECOND - 1);
    users.endTurn();
    yew.assertNoMoreFrames();
    nanos.addAndGet(1);
    users.endTurn();
    assertEquals("two", yew.next(ChatMessage.class).message(), "no list named the newcomer in time: its line is not shown");
    yew.assertNoMoreFrames();

    nanos.addAndGet(users.nanosUntilWork());
    users.endTurn();
    assertTrue(yew.next(Users.class).names().contains("newcomer"));
    assertEquals(1, crowd.get(0).lists - 1, "one list more, when the budget allowed it");
  }

  @Test
  void aNewcomerToARoomTooBigForListsToGoOftenIsSentTheListAloneAndMissesNoMessage() throws Exception {
    fillTheRoom();
    FakeMember yew = join(FakeMember.baseClient(), "yew");
    users.endTurn();
    yew.next(Users.class);

    nanos.addAndGet(SECOND);
    FakeMember newcomer = join(FakeMember.baseClient(), "newcomer");
    users.welcome(newcomer.who());
    say("yew", "welcome");
    users.endTurn();
    assertTrue(newcomer.next(Users.class).names().containsAll(List.of("yew", "newcomer")));
    assertEquals("welcome", newcomer.next(ChatMessage.class).message(), "at once, not after the hold");
    assertEquals("welcome", yew.next(ChatMessage.class).message());
    assertEquals(1, crowd.get(0).lists, "no list to everyone for it");
  }

  @Test
  void aWaveOfNewcomersIsSentListsAloneOnlyAsTheirOwnBudgetAllows() throws Exception {
    fillTheRoom();
    users.endTurn();
    nanos.addAndGet(SECOND);
    List<FakeMember> wave = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      FakeMember newcomer = join(FakeMember.baseClient(), "newcomer" + i);
      users.welcome(newcomer.who());
      wave.add(newcomer);
    }
    users.endTurn();
    long welcomed = wave.stream().filter(FakeMember::hasFrames).count();
    // A list of 2,000 names of 110 bytes is 226 KB: a second's worth of the budget, and one more.
    long allowed = UsersList.WELCOME_BYTES_PER_SECOND / (BIG_ROOM * (LONG.length() + 7)) + 1;
    assertTrue(welcomed > 0 && welcomed <= allowed, welcomed + " of the wave sent a list alone, at most " + allowed);
  }

  @Test
  void anExtendedNewcomerIsSentNoListAlone() throws Exception {
    fillTheRoom();
    users.endTurn();
    nanos.addAndGet(SECOND);
    FakeMember newcomer = join(FakeMember.extendedClient(), "ext");
    users.welcome(newcomer.who());
    newcomer.assertNoMoreFrames();
  }

  @Test
  void aNewcomerToAQuietRoomWaitsForTheListToEveryoneDueWithinItsPace() throws Exception {
    FakeMember alice = aliceListedAMomentAgo();
    FakeMember bob = join(FakeMember.baseClient(), "bob");
    users.welcome(bob.who());
    bob.assertNoMoreFrames();
    nanos.addAndGet(users.nanosUntilWork());
    users.endTurn();
    assertEquals(List.of("alice", "bob"), bob.next(Users.class).names());
    assertEquals(List.of("alice", "bob"), alice.next(Users.class).names());
    bob.assertNoMoreFrames();
  }

  @Test
  void pastTheCapAListNamesTheMostRecentlyActiveAndAnUnnamedSpeakerIsNamedBeforeBaseClientsHearIt()
      throws Exception {
    users = new UsersList(new DefaultRoom(registry, new MessageHistory(0)), delivery, nanos::get, 3);
    FakeMember alice = join(FakeMember.baseClient(), "alice");
    FakeMember bob = join(FakeMember.baseClient(), "bob");
    FakeMember carol = join(FakeMember.extendedClient(), "carol");
    users.endTurn();
    assertEquals(List.of("alice", "bob", "carol"), alice.next(Users.class).names(), "three fit the cap");
    skipTo(carol, Users.class);

    nanos.addAndGet(SECOND);
    FakeMember dave = join(FakeMember.baseClient(), "dave");
    users.endTurn();
    assertEquals(List.of("bob", "carol", "dave"), alice.next(Users.class).names(), "the three latest to join");
    assertEquals(List.of("bob", "carol", "dave"), dave.next(Users.class).names(), "dave's own list leaves out alice");

    nanos.addAndGet(SECOND);
    say("alice", "still here");
    users.endTurn();
    assertEquals(List.of("carol", "dave", "alice"), dave.next(Users.class).names(), "alice spoke: named before her line");
    assertEquals("still here", dave.next(ChatMessage.class).message());
    assertEquals(List.of("carol", "dave", "alice"), alice.next(Users.class).names());
    assertEquals("still here", alice.next(ChatMessage.class).message());

    nanos.addAndGet(SECOND);
    say("dave", "named already");
    users.endTurn();
    assertEquals("named already", dave.next(ChatMessage.class).message(), "no list for a speaker named");
    assertEquals("named already", alice.next(ChatMessage.class).message());
    dave.assertNoMoreFrames();

    nanos.addAndGet(SECOND);
    users.left(registry.release(carol.who()).name());
    delivery.detach(carol.who());
    users.endTurn();
    assertEquals(List.of("alice", "bob", "dave"), alice.next(Users.class).names(), "within the cap again: everyone, in join order");
    alice.assertNoMoreFrames();
  }

  /**
   * Past the cap, lines held while the budget allows no list all reach base clients with the list
   * that ends the hold, though newer speakers pushed their senders out of the most recent.
   */
  @Test
  void linesHeldInARoomPastTheCapGoWithTheListThatEndsTheHoldWhoeverSpokeSince() throws Exception {
    users = new UsersList(new DefaultRoom(registry, new MessageHistory(0)), delivery, nanos::get, 2);
    fillTheRoom();
    FakeMember yew = join(FakeMember.baseClient(), "yew");
    users.endTurn();
    List<String> listed = yew.next(Users.class).names();

    nanos.addAndGet(SECOND);
    int speakers = 200; // Each line from someone unnamed costs a list: the budget runs out long before the last.
    for (int i = 0; i < speakers; i++) {
      say(LONG + i, "line " + i);
    }
    users.endTurn();
    for (int turns = 0; users.nanosUntilWork() != Long.MAX_VALUE && turns < 100; turns++) {
      nanos.addAndGet(Math.max(1, users.nanosUntilWork()));
      users.endTurn();
    }
    int lines = 0;
    while (yew.hasFrames()) {
      dev.termchat.protocol.ServerFrame frame = yew.next();
      if (frame instanceof Users list) {
        listed = list.names();
      } else if (frame instanceof ChatMessage message) {
        assertTrue(listed.contains(message.from()), message.from() + " was not named before its line");
        assertEquals("line " + lines, message.message(), "in order, none lost");
        lines++;
      }
    }
    assertEquals(speakers, lines);
  }

  /** A base client, alice, sent a list a millisecond ago: by each client's pace the next is due in 49 ms. */
  private FakeMember aliceListedAMomentAgo() throws InterruptedException {
    FakeMember alice = join(FakeMember.baseClient(), "alice");
    users.endTurn();
    alice.next(Users.class);
    nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(1));
    return alice;
  }

  private void fillTheRoom() {
    fillTheRoom(BIG_ROOM);
  }

  private void fillTheRoom(int size) {
    for (int i = 0; i < size; i++) {
      CountingMember member = new CountingMember();
      delivery.attach(member);
      users.joined(registry.claim(member.who(), LONG + i, member.address(), Dialect.BASE, 0));
      crowd.add(member);
    }
  }

  private long listBytesToAll() {
    long bytes = 0;
    for (CountingMember member : crowd) {
      bytes += member.listBytes;
    }
    return bytes;
  }

  private FakeMember join(FakeMember member, String name) {
    delivery.attach(member);
    users.joined(registry.claim(member.who(), name, member.address(), member.dialect(), 0));
    return member;
  }

  /** A message, as the room says it. */
  private void say(String from, String text) {
    users.beforeMessage(from);
    delivery.broadcast(new ChatMessage(false, from, text, 0, null, null, null), registry.members());
  }

  private static <T extends dev.termchat.protocol.ServerFrame> T skipTo(FakeMember member, Class<T> type)
      throws InterruptedException {
    return RoomSteps.skipTo(member, type);
  }

  /** A base client that counts what it is sent, and keeps nothing: a big room costs no memory. */
  private static final class CountingMember implements Member {
    private static final AtomicLong IDS = new AtomicLong(1L << 40);
    private final Who who = new Who(RoomSettings.LOCAL_NODE, IDS.incrementAndGet());
    long listBytes;
    long lists;

    @Override
    public Who who() {
      return who;
    }

    @Override
    public String address() {
      return "198.51.100.1:4000";
    }

    @Override
    public Dialect dialect() {
      return Dialect.BASE;
    }

    @Override
    public boolean enqueue(OutgoingFrame frame) {
      if (frame.usersList()) {
        listBytes += frame.wireBytes();
        lists++;
      }
      return false;
    }

    @Override
    public void flush() {}

    @Override
    public void registeredAs(String name) {}

    @Override
    public void replaced() {}

    @Override
    public void left() {}
  }
}
