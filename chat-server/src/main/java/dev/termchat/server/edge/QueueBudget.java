package dev.termchat.server.edge;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * The heap that everything queued to clients holds, all connections together and those of one
 * IP address together. Each connection's {@link Outbound} has its own limits, but a client that
 * reads, however slowly, is held to the larger one only, and many of them together could hold
 * more than the heap; this budget is what they share.
 *
 * <p>A queued frame costs what {@link Outbound#heapCost} says: its slot in the queue, and the
 * frame itself when it is on the heap, made for one recipient (a private message, a reply, a
 * pong). A broadcast is encoded once, outside the heap, for all its recipients, and costs each of
 * them only its slot.
 *
 * <p>When a frame takes the total, or its address's share, past the limit, the connections that
 * hold the most of it are dropped as too slow, the largest first, until it is within the limit
 * again: they are the readers furthest behind on what was sent to them, and dropping them frees
 * the most. A client that keeps up holds next to nothing, and is never the one dropped.
 *
 * <p>Thread-safe. Shares are made and closed on the I/O thread; frames are charged by whoever
 * queues or writes them, under their {@link Outbound}'s lock; dropping is done by one thread at a
 * time, under this budget's lock, which is never taken under an {@link Outbound}'s.
 */
final class QueueBudget {
  private final long limit;
  private final long perAddressLimit;
  private final AtomicLong used = new AtomicLong();
  /** Every open connection's share. */
  private final Set<Share> shares = ConcurrentHashMap.newKeySet();
  /** The addresses with a per-address limit that have connections open. Confined to the I/O thread. */
  private final Map<InetAddress, Account> accounts = new HashMap<>();

  QueueBudget(long limit, long perAddressLimit) {
    this.limit = limit;
    this.perAddressLimit = perAddressLimit;
  }

  /** What the connections of one address hold together. */
  private static final class Account {
    final AtomicLong used = new AtomicLong();
    /** Open connections. Confined to the I/O thread. */
    int connections;
  }

  /**
   * One connection's part of the budget. On the I/O thread.
   *
   * @param limited whether the address's own limit applies to it
   * @param drop empties the connection's queue and drops it, unless it is gone already
   */
  Share open(InetAddress address, boolean limited, Drop drop) {
    Account account = null;
    if (limited) {
      account = accounts.computeIfAbsent(address, any -> new Account());
      account.connections++;
    }
    Share share = new Share(address, account, drop);
    shares.add(share);
    return share;
  }

  /** Empties a connection's queue and drops it as too slow. */
  interface Drop {
    /**
     * @param held what its queue held
     * @param full which limit was passed, for the log: "the server's queues (N bytes)"
     */
    void drop(long held, String full);
  }

  /** Heap held by every queue together. */
  long used() {
    return used.get();
  }

  /** One connection's part: what its queue holds now. */
  final class Share {
    private final InetAddress address;
    private final Account account;
    private final Drop drop;
    /** Written under the connection's {@link Outbound} lock; read by whoever drops. */
    private volatile long held;

    private Share(InetAddress address, Account account, Drop drop) {
      this.address = address;
      this.account = account;
      this.drop = drop;
    }

    /**
     * Counts bytes queued. Under the queue's lock.
     *
     * @return whether the total or the address's share is now past its limit: {@link #relieve}
     *     must follow, once the queue's lock is let go
     */
    boolean take(long bytes) {
      held += bytes;
      boolean over = used.addAndGet(bytes) > limit;
      if (account != null) {
        over |= account.used.addAndGet(bytes) > perAddressLimit;
      }
      return over;
    }

    /** Counts bytes written or dropped. Under the queue's lock. */
    void giveBack(long bytes) {
      held -= bytes;
      used.addAndGet(-bytes);
      if (account != null) {
        account.used.addAndGet(-bytes);
      }
    }

    long held() {
      return held;
    }

    /** Drops the queues that hold the most until the budget is kept again. Under no queue's lock. */
    void relieve() {
      QueueBudget.this.relieve(this);
    }

    /** The connection has closed, its queue emptied. On the I/O thread. */
    void close() {
      shares.remove(this);
      if (account != null && --account.connections == 0) {
        accounts.remove(address);
      }
    }
  }

  private synchronized void relieve(Share asker) {
    Account account = asker.account;
    if (account != null && account.used.get() > perAddressLimit) {
      dropLargest(account.used, perAddressLimit, share -> share.account == account, "the queues to its address (" + perAddressLimit + " bytes)");
    }
    if (used.get() > limit) {
      dropLargest(used, limit, share -> true, "the server's queues (" + limit + " bytes)");
    }
  }

  /** A share and what it held when the shares were sorted; shares change as they are sorted. */
  private record Holding(Share share, long held) {}

  private void dropLargest(AtomicLong total, long keepTo, Predicate<Share> among, String full) {
    List<Holding> holding = new ArrayList<>();
    for (Share share : shares) {
      long held = share.held;
      if (held > 0 && among.test(share)) {
        holding.add(new Holding(share, held));
      }
    }
    holding.sort(Comparator.comparingLong(Holding::held).reversed());
    for (Holding largest : holding) {
      if (total.get() <= keepTo) {
        return;
      }
      largest.share().drop.drop(largest.share().held, full);
    }
  }
}
