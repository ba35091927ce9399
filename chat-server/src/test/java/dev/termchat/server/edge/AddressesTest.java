package dev.termchat.server.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Peer addresses as people read them. */
class AddressesTest {
  @ParameterizedTest
  @CsvSource({
    "::1, [::1]:44042",
    "0:0:0:0:0:0:0:1, [::1]:44042",
    "2001:db8:0:0:1:0:0:1, [2001:db8::1:0:0:1]:44042",
    "2001:0db8:0000:0000:0000:0000:0002:0001, [2001:db8::2:1]:44042",
    "2001:db8:0:1:1:1:1:1, [2001:db8:0:1:1:1:1:1]:44042",
    "fe80:0:0:0:0:0:0:0, [fe80::]:44042",
    "127.0.0.1, 127.0.0.1:44042",
  })
  void addressesReadCompactly(String address, String shown) throws Exception {
    assertEquals(shown, Addresses.hostAndPort(new InetSocketAddress(InetAddress.getByName(address), 44042)));
  }

  @ParameterizedTest
  @CsvSource({"fe80::1%1, fe80::1"})
  void theZoneIsLeftOut(String address, String shown) throws Exception {
    assertEquals(shown, Addresses.compact((Inet6Address) InetAddress.getByName(address)));
  }
}
