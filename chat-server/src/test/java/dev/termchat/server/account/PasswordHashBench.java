package dev.termchat.server.account;

/**
 * What one password hash costs (Argon2id at the server's parameters, on the calling thread): a
 * main, not a test, as a time is no test's goal. Run it under the launcher's compiler flags and
 * without them to see what C1 alone costs a login:
 *
 * <pre>
 * ./mvnw -o -q test-compile -pl chat-server -am
 * taskset -c 0 java [-XX:TieredStopAtLevel=1] \
 *     -cp 'chat-server/target/test-classes:chat-server/target/classes:chat-server/target/lib/*' \
 *     dev.termchat.server.account.PasswordHashBench [HASHES]
 * </pre>
 *
 * It prints each hash's milliseconds, the first ones while the code is still being compiled.
 */
public final class PasswordHashBench {
  private PasswordHashBench() {}

  public static void main(String[] args) {
    int hashes = args.length > 0 ? Integer.parseInt(args[0]) : 12;
    PasswordHasher hasher = new PasswordHasher();
    StringBuilder times = new StringBuilder("ms a hash:");
    for (int i = 0; i < hashes; i++) {
      long start = System.nanoTime();
      hasher.hash("correct horse battery staple");
      times.append(' ').append((System.nanoTime() - start) / 1_000_000);
    }
    System.out.println(times);
  }
}
