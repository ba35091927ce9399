package dev.termchat.server.edge;

import dev.termchat.protocol.FrameCodec;
import dev.termchat.server.room.ChatRoom;
import dev.termchat.server.log.LogThrottle;
import dev.termchat.server.metrics.ChatMeters;
import dev.termchat.server.room.OutgoingFrame;

/**
 * What every connection of one edge shares.
 *
 * @param node this server's name in the room's events
 * @param refusalLog lets through the log lines of refused connections, which clients can cause
 */
record EdgeContext(
    String node,
    EdgeSettings settings,
    ChatRoom room,
    FrameCodec codec,
    HandshakePolicy policy,
    Admission admission,
    OutgoingFrame welcome,
    LogThrottle refusalLog,
    PlainHttp plainHttp,
    ChatMeters meters) {}
