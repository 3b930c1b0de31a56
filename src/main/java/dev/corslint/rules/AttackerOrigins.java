package dev.corslint.rules;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Origins an attacker can get, derived from one the configuration means to trust. Each candidate stands for
 * a known way origin checks go wrong; a finding quotes the first one the real check accepts.
 */
public final class AttackerOrigins {

  /** Characters that end a host name for one parser but not for another. */
  private static final List<String> CONFUSING = List.of("_", "`", "%60", "!", "$", "&", "'", "(", ")", "*", "+", ",", ";", "=", "~");

  private AttackerOrigins() {}

  /** One look-alike and the bypass class it stands for. */
  public record Candidate(String origin, String bypass) {}

  /** The attacker origins that look like {@code intended}, most telling first. */
  public static List<Candidate> lookAlikes(String intended) {
    Parts p = Parts.of(intended);
    if (p == null) return List.of();
    List<Candidate> out = new ArrayList<>();
    String s = p.scheme + "://";
    String hp = p.host + p.port;
    out.add(new Candidate(s + hp + ".attacker.example", "prefix match: the trusted name followed by the attacker's domain"));
    out.add(new Candidate(s + "attacker" + hp, "suffix match: a domain that ends with the trusted name"));
    out.add(new Candidate(s + "attacker." + hp, "any subdomain of the trusted name"));
    if (p.host.contains(".")) {
      String truncated = hp.substring(0, hp.length() - 1);
      out.add(new Candidate(s + truncated, "substring match: a truncated trusted name"));
      int dot = p.host.indexOf('.');
      out.add(new Candidate(
          s + p.host.substring(0, dot) + "X" + p.host.substring(dot + 1) + p.port, "unescaped dot: any character where the dot is"));
      int lastDot = p.host.lastIndexOf('.');
      if (lastDot != dot) {
        out.add(new Candidate(
            s + p.host.substring(0, lastDot) + "X" + p.host.substring(lastDot + 1) + p.port,
            "unescaped dot: any character where the dot is"));
      }
    }
    for (String c : CONFUSING) {
      out.add(new Candidate(s + hp + c + ".attacker.example", "a character after the trusted name that ends the host for the browser"));
    }
    out.add(new Candidate("https://attacker.example", "any origin"));
    return dedupe(out, intended);
  }

  /** The plain-http twin of an https origin. */
  public static String insecureTwin(String intended) {
    return intended.startsWith("https://") ? "http://" + intended.substring("https://".length()) : null;
  }

  private static List<Candidate> dedupe(List<Candidate> in, String intended) {
    Set<String> seen = new LinkedHashSet<>();
    List<Candidate> out = new ArrayList<>();
    for (Candidate c : in) {
      if (!c.origin().equals(intended) && seen.add(c.origin())) out.add(c);
    }
    return out;
  }

  /** Scheme, host and ":port" (or "") of an origin. */
  record Parts(String scheme, String host, String port) {
    static Parts of(String origin) {
      try {
        URI u = URI.create(origin.trim());
        if (u.getScheme() == null || u.getHost() == null) return null;
        return new Parts(u.getScheme().toLowerCase(Locale.ROOT), u.getHost(), u.getPort() < 0 ? "" : ":" + u.getPort());
      } catch (IllegalArgumentException e) {
        return null;
      }
    }
  }

  /** The host of an origin, or null. */
  public static String host(String origin) {
    Parts p = Parts.of(origin);
    return p == null ? null : p.host();
  }
}
