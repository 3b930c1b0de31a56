package dev.corslint.rules;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** What kind of host an origin names: loopback, private network, or a shared hosting domain. */
public final class OriginKinds {

  private static final Pattern PRIVATE_V4 =
      Pattern.compile("^(10\\.\\d+\\.\\d+\\.\\d+|192\\.168\\.\\d+\\.\\d+|172\\.(1[6-9]|2\\d|3[01])\\.\\d+\\.\\d+)$");

  private OriginKinds() {}

  public static boolean isLoopback(String host) {
    if (host == null) return false;
    String h = host.toLowerCase(Locale.ROOT);
    return h.equals("localhost") || h.endsWith(".localhost") || h.startsWith("127.") || h.equals("[::1]")
        || h.equals("::1") || h.equals("0.0.0.0");
  }

  /** Loopback, private-network and {@code .local} hosts: a development machine, not a production front end. */
  public static boolean isDevelopmentHost(String host) {
    if (host == null) return false;
    String h = host.toLowerCase(Locale.ROOT);
    return isLoopback(h) || h.endsWith(".local") || PRIVATE_V4.matcher(h).matches();
  }

  /** Sample origins of a development machine, for testing patterns. */
  public static final List<String> DEVELOPMENT_SAMPLES =
      List.of("http://localhost:3000", "http://localhost:5173", "http://127.0.0.1:8000", "http://localhost");
}
