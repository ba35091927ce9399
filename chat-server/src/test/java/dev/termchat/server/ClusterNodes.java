package dev.termchat.server;

import java.util.ArrayList;
import java.util.List;

/** What the cluster tests share about the chat servers they start. */
final class ClusterNodes {
  private ClusterNodes() {}

  /** Closes them all at once: each node's close waits for its reader's blocking read to return. */
  static void closeAll(List<ChatServer> nodes) throws InterruptedException {
    List<Thread> closing = new ArrayList<>();
    for (ChatServer node : nodes) {
      Thread thread = new Thread(node::close, "close " + node.uri());
      thread.start();
      closing.add(thread);
    }
    for (Thread thread : closing) {
      thread.join();
    }
  }
}
