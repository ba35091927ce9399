package dev.termchat.client;

import dev.termchat.protocol.NameRules;
import java.util.random.RandomGenerator;

/** The name a client makes up when started without one, as the seed's client does. */
final class GuestName {
  private GuestName() {}

  static String random(RandomGenerator random) {
    return NameRules.GUEST_PREFIX + random.nextInt(1000, 10_000);
  }
}
