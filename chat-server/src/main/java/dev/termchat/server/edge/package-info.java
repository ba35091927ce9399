/**
 * The network edge: sockets, the WebSocket protocol (RFC 6455), and the limits that protect the
 * server from its clients. Its public face is {@link dev.termchat.server.edge.WebSocketEdge}; each
 * connection is a {@link dev.termchat.server.room.Member} of the room, and a coordinator over
 * stages of one role each (see {@link dev.termchat.server.edge.Connection}), with one way out,
 * {@code close(Disconnect)}.
 *
 * <p>Java-WebSocket parses the HTTP request of the opening handshake and carries TLS; the edge
 * reads and writes frames itself, so that every byte for a client goes through one queue with one
 * limit and one order, and every frame a client sends is checked.
 *
 * <p>Threads, and who may call what:
 *
 * <ul>
 *   <li>The I/O thread ({@code chat-io}, {@link dev.termchat.server.edge.IoLoop}) accepts, reads,
 *       parses, runs every timer, writes what others could not, and is the only thread that
 *       changes a connection's state or closes it. Other threads ask it through the connection's
 *       {@link dev.termchat.server.edge.IoSlot}.
 *   <li>The room thread calls the {@code Member} methods of a connection: {@code enqueue} and
 *       {@code flush} (plain sockets are written on the calling thread; TLS is handed to the I/O
 *       thread), and {@code registeredAs}.
 *   <li>Any thread may call {@code WebSocketEdge}'s methods.
 * </ul>
 */
package dev.termchat.server.edge;
