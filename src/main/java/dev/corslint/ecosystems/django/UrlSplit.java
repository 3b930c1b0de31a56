package dev.corslint.ecosystems.django;

import java.util.Locale;
import java.util.Optional;

/**
 * Python 3.11's {@code urllib.parse.urlsplit}, reduced to the scheme and network location that
 * django-cors-headers compares: an allowed origin matches a request origin when both parts are equal, so
 * {@code https://a.example/} matches {@code https://a.example}, and an entry without a scheme matches
 * {@code null}.
 */
record UrlSplit(String scheme, String netloc) {

  private static final String SCHEME_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+-.";

  /** The split, or empty where Python raises {@code ValueError} (unbalanced IPv6 brackets). */
  static Optional<UrlSplit> of(String url) {
    String u = url;
    int lead = 0;
    while (lead < u.length() && u.charAt(lead) <= ' ') lead++;
    u = u.substring(lead).replace("\t", "").replace("\r", "").replace("\n", "");
    String scheme = "";
    int colon = u.indexOf(':');
    if (colon > 0 && u.charAt(0) < 128 && Character.isLetter(u.charAt(0))) {
      boolean ok = true;
      for (int i = 0; i < colon; i++) {
        if (SCHEME_CHARS.indexOf(u.charAt(i)) < 0) {
          ok = false;
          break;
        }
      }
      if (ok) {
        scheme = u.substring(0, colon).toLowerCase(Locale.ROOT);
        u = u.substring(colon + 1);
      }
    }
    String netloc = "";
    if (u.startsWith("//")) {
      int end = u.length();
      for (char c : new char[] {'/', '?', '#'}) {
        int i = u.indexOf(c, 2);
        if (i >= 0 && i < end) end = i;
      }
      netloc = u.substring(2, end);
      if (netloc.contains("[") != netloc.contains("]")) return Optional.empty();
    }
    return Optional.of(new UrlSplit(scheme, netloc));
  }

  /** The origin a browser would have to send to match: {@code scheme://netloc}. */
  String origin() {
    return scheme + "://" + netloc;
  }

  /** Whether the text after the netloc is more than nothing (a path, query or fragment: corsheaders.E014). */
  static boolean hasPathQueryOrFragment(String url) {
    Optional<UrlSplit> s = of(url);
    if (s.isEmpty() || s.get().netloc().isEmpty()) return false;
    String stripped = url.strip();
    int at = stripped.indexOf("//") + 2 + s.get().netloc().length();
    return at < stripped.length();
  }
}
