package dev.termchat.server.room;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Address ranges read from the text events carry. */
class AddressRangeTest {
  @ParameterizedTest
  @CsvSource({
    "203.0.113.5:4000, 203.0.113.0/24, false",
    "127.0.1.9:4000, 127.0.1.0/24, true",
    "[2001:db8::1]:4000, 2001:db8:0:0::/64, false",
    "[2001:db8:1:2:ffff:ffff:ffff:ffff]:4000, 2001:db8:1:2::/64, false",
    "[2001:0DB8:0001:0002::]:4000, 2001:db8:1:2::/64, false",
    "[::1]:4000, 0:0:0:0::/64, true",
    "[::]:4000, 0:0:0:0::/64, false",
    "[fe80::1:2:3:4:5]:4000, fe80:0:0:1::/64, false",
    "unknown, unknown, false",
    "[1::2::3]:4000, [1::2::3], false",
    "[1:2:3:4:5:6:7:8:9]:4000, [1:2:3:4:5:6:7:8:9], false",
    "300.1.2.3.4:4000, 300.1.2.3.4, false",
  })
  void rangesAreTheSlash24OrTheSlash64AndAnythingElseIsItsOwn(String address, String range, boolean loopback) {
    String host = AddressRange.hostOf(address);
    assertEquals(range, AddressRange.rangeOf(host));
    assertEquals(loopback, AddressRange.isLoopback(host));
  }
}
