/**
 * The server's frames as they go on the wire (RFC 6455): {@link
 * dev.termchat.server.wire.FrameWriter}, the one place that writes a frame header, and {@link
 * dev.termchat.server.wire.OutgoingFrame}, a text frame encoded once for all its recipients. It
 * knows neither the room nor the edge: the room encodes with it, the edge writes what it made.
 */
package dev.termchat.server.wire;
