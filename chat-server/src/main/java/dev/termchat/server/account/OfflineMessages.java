package dev.termchat.server.account;

import dev.termchat.protocol.ErrorCode;
import dev.termchat.protocol.ErrorReply;
import dev.termchat.protocol.Printable;
import dev.termchat.protocol.PrivateChat;
import dev.termchat.server.room.ChatRoom;
import dev.termchat.server.room.OfflineMail;
import dev.termchat.server.room.Who;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Private messages kept for registered users who are offline ({@code --offline-messages} each,
 * the newest, at most {@value #PER_SENDER} of them from one sender; none older than {@code
 * --offline-days}), in the {@link AccountStore}, and delivered
 * at the owner's next login, oldest first, once: taking them forgets them. One thread of its own,
 * so that what is kept and taken for an account is kept and taken in the order the room decided
 * it, and the room's thread never waits for a disk or Redis.
 */
public final class OfflineMessages implements OfflineMail, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(OfflineMessages.class);
  /** Work waiting for the thread; past it a message is not kept, and the log says so. */
  static final int WAITING = 10_000;
  /** The most kept from one sender for one account: no sender pushes the others' out. */
  public static final int PER_SENDER = 10;

  private final ChatRoom room;
  private final AccountStore store;
  private final Clock clock;
  private final int perAccount;
  private final Duration maxAge;
  private final ThreadPoolExecutor thread =
      new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(WAITING), task -> {
        Thread worker = new Thread(task, "chat-offline-mail");
        worker.setDaemon(true);
        return worker;
      });

  /**
   * @param perAccount the most kept for one account; 0 keeps none
   * @param maxAge how long one is kept at most
   */
  public OfflineMessages(ChatRoom room, AccountStore store, Clock clock, int perAccount, Duration maxAge) {
    this.room = room;
    this.store = store;
    this.clock = clock;
    this.perAccount = perAccount;
    this.maxAge = maxAge;
  }

  @Override
  public boolean keeps() {
    return perAccount > 0;
  }

  @Override
  public void keep(String account, PrivateChat message, Who sender, PrivateChat echo) {
    Runnable refuse = () -> room.answer(sender, new ErrorReply(
        ErrorCode.CANNOT_RECEIVE.wireName(), Printable.escape(message.to()) + " is offline, and the message could not be kept; not delivered",
        echo.clientId()));
    run("keep a private message for " + account, () -> {
      store.keep(account, message, perAccount, PER_SENDER);
      room.answer(sender, echo);
    }, refuse);
  }

  @Override
  public void deliver(String account, Who who) {
    run("deliver the private messages kept for " + account, () -> sendKept(account, who), () -> {});
  }

  @Override
  public void deliverThen(String account, Who who, Runnable then) {
    // Answers to one connection keep their order: those sent here go before the login's answer.
    run("deliver the private messages kept for " + account, () -> {
      sendKept(account, who);
      then.run();
    }, then);
  }

  private void sendKept(String account, Who who) {
    long oldest = clock.millis() - maxAge.toMillis();
    for (PrivateChat message : store.take(account)) {
      if (message.time() >= oldest) {
        room.answer(who, message);
      }
    }
  }

  /** Runs the work on the thread; when it cannot be done, says why in the log, and runs {@code failed}. */
  private void run(String what, Runnable work, Runnable failed) {
    try {
      thread.execute(() -> {
        try {
          work.run();
        } catch (AccountStoreException e) {
          log.warn("Could not {}: {}", what, e.getMessage());
          failed.run();
        }
      });
    } catch (RejectedExecutionException e) {
      log.warn("Could not {}: {} others wait already", what, WAITING);
      failed.run();
    }
  }

  @Override
  public void close() {
    thread.shutdown();
    try {
      thread.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
