package dev.corslint.rules;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether a configured origin can ever equal what a browser sends in {@code Origin}: the serialized origin,
 * {@code scheme://host[:port]}, lower case, without a default port, path or trailing slash.
 */
public final class OriginSyntax {

  private static final Pattern SHAPE = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*)://([^/?#:]*)(:\\d*)?([/?#].*)?$");

  private OriginSyntax() {}

  /** What is wrong and the origin the author meant. */
  public record Problem(String what, String corrected) {}

  /**
   * @param lenient the framework ignores case and a trailing slash (Spring's {@code allowedOrigins})
   */
  public static Optional<Problem> check(String origin, boolean lenient) {
    if (origin.equals("*") || origin.equals("null")) return Optional.empty();
    if (!origin.equals(origin.strip())) return Optional.of(new Problem("has surrounding whitespace", origin.strip()));
    if (origin.chars().anyMatch(Character::isWhitespace)) return Optional.empty(); // several values: another rule
    Matcher m = SHAPE.matcher(origin);
    if (!m.matches()) {
      String corrected = "https://" + origin.replaceFirst("^//", "").replaceFirst("[/?#].*$", "");
      return Optional.of(new Problem("has no scheme", corrected.toLowerCase(Locale.ROOT)));
    }
    String scheme = m.group(1);
    String host = m.group(2);
    String port = m.group(3) == null ? "" : m.group(3);
    String rest = m.group(4) == null ? "" : m.group(4);
    if (host.contains("*")) {
      return Optional.of(new Problem("contains '*', which exact-origin lists compare literally", null));
    }
    String canonicalPort = ("https".equalsIgnoreCase(scheme) && port.equals(":443"))
        || ("http".equalsIgnoreCase(scheme) && port.equals(":80")) ? "" : port;
    String corrected = scheme.toLowerCase(Locale.ROOT) + "://" + host.toLowerCase(Locale.ROOT) + canonicalPort;
    if (!canonicalPort.equals(port)) return Optional.of(new Problem("names the default port " + port, corrected));
    if (!rest.isEmpty()) {
      if (rest.equals("/")) {
        if (!lenient) return Optional.of(new Problem("ends with a slash", corrected));
      } else {
        return Optional.of(new Problem("has a path, query or fragment", corrected));
      }
    }
    if (!lenient && !(scheme + "://" + host).equals((scheme + "://" + host).toLowerCase(Locale.ROOT))) {
      return Optional.of(new Problem("has upper-case letters", corrected));
    }
    return Optional.empty();
  }
}
