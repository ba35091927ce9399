package dev.termchat.server.edge;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/** A plain TCP socket: ws://. Any thread may write, one at a time. */
final class PlainTransport implements Transport {
  private final SocketChannel socket;

  PlainTransport(SocketChannel socket) {
    this.socket = socket;
  }

  @Override
  public SocketChannel socket() {
    return socket;
  }

  @Override
  public int read(ByteBuffer destination) throws IOException {
    return socket.read(destination);
  }

  @Override
  public boolean hasBufferedInput() {
    return false;
  }

  @Override
  public int write(ByteBuffer source) throws IOException {
    return socket.write(source);
  }

  @Override
  public boolean hasPendingOutput() {
    return false;
  }

  @Override
  public void writePending() {
    // Nothing of its own is ever held back.
  }

  @Override
  public boolean writableFromAnyThread() {
    return true;
  }

  @Override
  public void shutdownOutput() throws IOException {
    socket.shutdownOutput();
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
