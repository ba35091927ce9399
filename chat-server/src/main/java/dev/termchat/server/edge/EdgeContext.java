package dev.termchat.server.edge;

import dev.termchat.protocol.FrameCodec;
import dev.termchat.server.account.Accounts;
import dev.termchat.server.room.ChatRoom;
import dev.termchat.server.log.LogThrottle;
import dev.termchat.server.metrics.ChatMeters;
import dev.termchat.server.wire.OutgoingFrame;

/**
 * What every connection of one edge shares.
 *
 * @param node this server's name in the room's events
 * @param refusalLog lets through the log lines of refused connections, which clients can cause
 * @param budgetLog lets through the log lines of connections dropped to keep within the budgets,
 *     which an attack makes by the thousand
 * @param queueBudget what the queues of every connection may hold on the heap together
 * @param inputBudget what input still arriving may hold on the heap, every connection's together;
 *     the I/O thread's
 * @param accounts what account frames ask for; {@code null} where accounts are not served
 */
record EdgeContext(
    String node,
    EdgeSettings settings,
    ChatRoom room,
    FrameCodec codec,
    HandshakePolicy policy,
    Admission admission,
    QueueBudget queueBudget,
    InputBudget inputBudget,
    OutgoingFrame welcome,
    LogThrottle refusalLog,
    LogThrottle budgetLog,
    PlainHttp plainHttp,
    ChatMeters meters,
    Accounts accounts) {}
