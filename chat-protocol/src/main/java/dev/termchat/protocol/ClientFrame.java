package dev.termchat.protocol;

/**
 * A frame a client sends to the server. Handled through {@link Visitor}, so that a new kind of
 * frame fails to compile wherever it is not yet handled.
 */
public sealed interface ClientFrame
    permits Register, SendMessage, SendAction, SendPrivate, Nick, Join, Part, ListRooms, SetTopic, Scrollback, Search, Moderate, AccountRequest {
  <R> R accept(Visitor<R> visitor);

  /** One method for each kind of client frame. */
  interface Visitor<R> {
    R register(Register register);

    R message(SendMessage message);

    R action(SendAction action);

    R privateMessage(SendPrivate message);

    R nick(Nick nick);

    R join(Join join);

    R part(Part part);

    R list(ListRooms list);

    R topic(SetTopic topic);

    R scrollback(Scrollback scrollback);

    R search(Search search);

    R moderate(Moderate moderate);

    R account(AccountRequest request);
  }
}
