package dev.termchat.server.edge;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads the frames of one client, as RFC 6455 says a server must, from bytes as they arrive in
 * any pieces. It holds at most one message in progress, never more than {@code maxMessageBytes},
 * and hands on whole text messages and control frames.
 *
 * <p>What a client may not send ends the connection with a {@link ProtocolViolation} and its
 * close code: an unmasked frame, reserved bits or opcodes, a control frame that is fragmented or
 * over 125 bytes, a fragment out of place (1002); a binary frame (1003); text or a close reason
 * that is not UTF-8 (1007); a message over the size limit, or in more than {@code maxFragments}
 * frames, empty ones included (1009). A message whose buffer the server has no room for, all
 * connections' messages in progress together, ends it too (1013, try again later).
 *
 * <p>Confined to the I/O thread.
 */
final class FrameReader {
  private static final int OP_CONTINUATION = 0x0;
  private static final int OP_TEXT = 0x1;
  private static final int OP_BINARY = 0x2;
  private static final int OP_CLOSE = 0x8;
  private static final int OP_PING = 0x9;
  private static final int OP_PONG = 0xA;
  private static final int MAX_CONTROL_PAYLOAD = 125;
  /**
   * A message buffer grown past this is let go once its message is done, and is taken from the
   * {@link Allowance} while it grows; one this small is kept, a part of what an idle connection
   * holds.
   */
  static final int KEPT_BUFFER_BYTES = 1024;

  /** What the reader hands on. */
  interface Handler {
    void onText(String text);

    void onPing(byte[] payload);

    void onPong();

    /** The peer's close frame; {@code code} is 1005 when it gave none. */
    void onClose(int code, String reason);
  }

  /** Where the buffers of messages in progress get their room: a budget shared with others. */
  interface Allowance {
    /** @return false when there is no room for so many more bytes */
    boolean take(int bytes);

    /** The buffer of the message in progress is let go, and with it every byte taken. */
    void giveBack();
  }

  /** A frame the peer may not send; the connection closes with {@link #closeCode}. */
  static final class ProtocolViolation extends Exception {
    private static final long serialVersionUID = 1L;
    private final int closeCode;

    ProtocolViolation(int closeCode, String reason) {
      super(reason, null, false, false);
      this.closeCode = closeCode;
    }

    int closeCode() {
      return closeCode;
    }
  }

  private final int maxMessageBytes;
  private final int maxFragments;
  private final Allowance allowance;
  private final CharsetDecoder utf8 =
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT);

  /** The frame header read so far: at most 2 + 8 length bytes + 4 mask bytes. */
  private final byte[] header = new byte[14];
  private int headerRead;
  private int headerLength = 2;

  /** The frame whose payload is being read, once its header is complete. */
  private boolean inPayload;
  private int opcode;
  private boolean fin;
  private long payloadLeft;
  private final byte[] mask = new byte[4];
  private int maskIndex;

  /** The message in progress, if any: its fragments so far, joined. */
  private boolean inMessage;
  private int fragments;
  private byte[] message = new byte[0];
  private int messageLength;

  /** The control frame whose payload is being read. */
  private final byte[] control = new byte[MAX_CONTROL_PAYLOAD];
  private int controlLength;

  /** Set once the peer's close frame was read: nothing after it is read. */
  private boolean closeRead;

  FrameReader(int maxMessageBytes, int maxFragments, Allowance allowance) {
    this.maxMessageBytes = maxMessageBytes;
    this.maxFragments = maxFragments;
    this.allowance = allowance;
  }

  /** Reads every byte given, handing on each frame as it completes. */
  void read(ByteBuffer in, Handler handler) throws ProtocolViolation {
    while (in.hasRemaining() && !closeRead) {
      if (!inPayload) {
        readHeader(in);
        if (inPayload && payloadLeft == 0) {
          frameDone(handler);
        }
      } else {
        readPayload(in);
        if (payloadLeft == 0) {
          frameDone(handler);
        }
      }
    }
  }

  private void readHeader(ByteBuffer in) throws ProtocolViolation {
    while (headerRead < headerLength && in.hasRemaining()) {
      header[headerRead++] = in.get();
      if (headerRead == 2) {
        headerLength = checkFirstTwoBytes();
      }
    }
    if (headerRead < headerLength) {
      return;
    }
    int lengthBytes = headerLength - 6;
    long length = header[1] & 0x7f;
    if (lengthBytes == 2) {
      length = ((header[2] & 0xffL) << 8) | (header[3] & 0xffL);
    } else if (lengthBytes == 8) {
      length = 0;
      for (int i = 2; i < 10; i++) {
        length = (length << 8) | (header[i] & 0xffL);
      }
      if (length < 0) {
        throw new ProtocolViolation(CloseCodes.PROTOCOL_ERROR, "frame length with its top bit set");
      }
    }
    System.arraycopy(header, headerLength - 4, mask, 0, 4);
    maskIndex = 0;
    headerRead = 0;
    headerLength = 2;
    payloadLeft = length;
    startFrame(length);
    inPayload = true;
  }

  /** Checks what the first two bytes say; returns the whole header's length. */
  private int checkFirstTwoBytes() throws ProtocolViolation {
    int b0 = header[0] & 0xff;
    int b1 = header[1] & 0xff;
    fin = (b0 & 0x80) != 0;
    opcode = b0 & 0x0f;
    if ((b0 & 0x70) != 0) {
      throw new ProtocolViolation(CloseCodes.PROTOCOL_ERROR, "reserved bits set, and no extension agreed");
    }
    if ((b1 & 0x80) == 0) {
      throw new ProtocolViolation(CloseCodes.PROTOCOL_ERROR, "a client's frames must be masked");
    }
    int length7 = b1 & 0x7f;
    switch (opcode) {
      case OP_CONTINUATION, OP_TEXT -> {}
      case OP_BINARY -> throw new ProtocolViolation(CloseCodes.UNSUPPORTED_DATA, "binary frames are not supported");
      case OP_CLOSE, OP_PING, OP_PONG -> {
        if (!fin) {
          throw new ProtocolViolation(CloseCodes.PROTOCOL_ERROR, "a control frame may not be fragmented");
        }
        if (length7 > MAX_CONTROL_PAYLOAD) {
          throw new ProtocolViolation(CloseCodes.PROTOCOL_ERROR, "a control frame carries at most 125 bytes");
        }
      }
      default -> throw new ProtocolViolation(CloseCodes.PROTOCOL_ERROR, "reserved opcode " + opcode);
    }
    int lengthBytes = length7 == 126 ? 2 : length7 == 127 ? 8 : 0;
    return 2 + lengthBytes + 4;
  }

  /** Checks a frame's place and size before any of its payload is read. */
  private void startFrame(long length) throws ProtocolViolation {
    if (isControl(opcode)) {
      controlLength = 0;
      return;
    }
    if (opcode == OP_TEXT) {
      if (inMessage) {
        throw new ProtocolViolation(CloseCodes.PROTOCOL_ERROR, "a new message before the last one ended");
      }
      inMessage = true;
      fragments = 0;
      messageLength = 0;
    } else if (!inMessage) {
      throw new ProtocolViolation(CloseCodes.PROTOCOL_ERROR, "a continuation frame outside a message");
    }
    if (++fragments > maxFragments) {
      throw new ProtocolViolation(CloseCodes.TOO_BIG, "a message in more than " + maxFragments + " frames");
    }
    if (messageLength + length > maxMessageBytes) {
      throw new ProtocolViolation(CloseCodes.TOO_BIG, "a message over " + maxMessageBytes + " bytes");
    }
  }

  private void readPayload(ByteBuffer in) throws ProtocolViolation {
    int count = (int) Math.min(payloadLeft, in.remaining());
    byte[] target;
    int at;
    if (isControl(opcode)) {
      target = control;
      at = controlLength;
      controlLength += count;
    } else {
      ensureMessageRoom(count);
      target = message;
      at = messageLength;
      messageLength += count;
    }
    in.get(target, at, count);
    for (int i = at; i < at + count; i++) {
      target[i] ^= mask[maskIndex];
      maskIndex = (maskIndex + 1) & 3;
    }
    payloadLeft -= count;
  }

  /** Grows the message buffer as bytes arrive, not as headers promise: a promise costs nothing. */
  private void ensureMessageRoom(int more) throws ProtocolViolation {
    int needed = messageLength + more;
    if (needed > message.length) {
      int grown = (int) Math.min(maxMessageBytes, Math.max(needed, Math.max(256, 2L * message.length)));
      int taken = taken(grown) - taken(message.length);
      if (taken > 0 && !allowance.take(taken)) {
        throw new ProtocolViolation(CloseCodes.TRY_AGAIN_LATER, "the server is busy with other messages; send it again");
      }
      message = Arrays.copyOf(message, grown);
    }
  }

  /** What a message buffer of this size takes from the allowance: all of it, unless it is kept. */
  private static int taken(int capacity) {
    return capacity > KEPT_BUFFER_BYTES ? capacity : 0;
  }

  /** Lets go of the message in progress, if any: the connection reads no more. */
  void dropMessage() {
    inMessage = false;
    messageLength = 0;
    letGoOfLargeBuffer();
  }

  private void letGoOfLargeBuffer() {
    if (message.length > KEPT_BUFFER_BYTES) {
      message = new byte[0];
      allowance.giveBack();
    }
  }

  private void frameDone(FrameReader.Handler handler) throws ProtocolViolation {
    inPayload = false;
    switch (opcode) {
      case OP_PING -> handler.onPing(Arrays.copyOf(control, controlLength));
      case OP_PONG -> handler.onPong();
      case OP_CLOSE -> closeDone(handler);
      default -> {
        if (fin) {
          messageDone(handler);
        }
      }
    }
  }

  private void messageDone(Handler handler) throws ProtocolViolation {
    String text = decode(ByteBuffer.wrap(message, 0, messageLength), "text that is not UTF-8");
    inMessage = false;
    messageLength = 0;
    letGoOfLargeBuffer();
    handler.onText(text);
  }

  private void closeDone(Handler handler) throws ProtocolViolation {
    closeRead = true;
    if (controlLength == 0) {
      handler.onClose(CloseCodes.NO_STATUS, "");
      return;
    }
    if (controlLength == 1) {
      throw new ProtocolViolation(CloseCodes.PROTOCOL_ERROR, "a close frame with a one-byte code");
    }
    int code = ((control[0] & 0xff) << 8) | (control[1] & 0xff);
    if (!CloseCodes.mayBeSent(code)) {
      throw new ProtocolViolation(CloseCodes.PROTOCOL_ERROR, "close code " + code + " may not be sent");
    }
    String reason = decode(ByteBuffer.wrap(control, 2, controlLength - 2), "a close reason that is not UTF-8");
    handler.onClose(code, reason);
  }

  private String decode(ByteBuffer bytes, String problem) throws ProtocolViolation {
    try {
      return utf8.reset().decode(bytes).toString();
    } catch (CharacterCodingException e) {
      throw new ProtocolViolation(CloseCodes.INVALID_DATA, problem);
    }
  }

  private static boolean isControl(int opcode) {
    return (opcode & 0x8) != 0;
  }
}
