package dev.termchat.server;

/**
 * A text frame encoded once for any number of recipients, with its size on the wire, which is
 * what a recipient's send backlog is counted in.
 */
record OutgoingFrame(String text, int wireBytes) {
  static OutgoingFrame of(String text) {
    int payload = utf8Length(text);
    int header = payload <= 125 ? 2 : payload <= 0xffff ? 4 : 10;
    return new OutgoingFrame(text, header + payload);
  }

  private static int utf8Length(String text) {
    int bytes = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x80) {
        bytes += 1;
      } else if (c < 0x800) {
        bytes += 2;
      } else if (Character.isHighSurrogate(c)) {
        bytes += 4;
        i++;
      } else {
        bytes += 3;
      }
    }
    return bytes;
  }
}
