/**
 * The room: who is online, and every registration, message and departure applied in one order
 * on the room's own thread. It knows nothing of sockets: its members are {@link
 * dev.termchat.server.room.Member}s, which the network edge implements and tests fake. Its public
 * face is {@link dev.termchat.server.room.ChatRoom}, whose methods any thread may call.
 */
package dev.termchat.server.room;
