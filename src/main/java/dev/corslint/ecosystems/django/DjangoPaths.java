package dev.corslint.ecosystems.django;

import dev.corslint.model.GuardedRegex;
import dev.corslint.model.Tri;
import java.util.ArrayList;
import java.util.List;

/** Request paths for probing a scope whose paths are given by a regex ({@code CORS_URLS_REGEX}, flask-cors resources). */
public final class DjangoPaths {

  private DjangoPaths() {}

  static String sample(CorsHeadersConfig.UrlScope urls) {
    return urls.regex() == null ? "/" : sample(urls.regex());
  }

  /** A path the regex accepts, built from its literal beginning; {@code /} when none is found. */
  public static String sample(GuardedRegex regex) {
    String src = regex.source();
    StringBuilder literal = new StringBuilder();
    int i = src.startsWith("^") ? 1 : src.startsWith("\\A") ? 2 : 0;
    for (; i < src.length(); i++) {
      char ch = src.charAt(i);
      if (ch == '\\' && i + 1 < src.length() && "/.-_~".indexOf(src.charAt(i + 1)) >= 0) {
        literal.append(src.charAt(++i));
      } else if (Character.isLetterOrDigit(ch) || "/-_~".indexOf(ch) >= 0) {
        literal.append(ch);
      } else {
        break;
      }
    }
    // A quantifier applies to the last literal character: leave it out.
    if (i < src.length() && "?*{".indexOf(src.charAt(i)) >= 0 && literal.length() > 0) literal.setLength(literal.length() - 1);
    List<String> candidates = new ArrayList<>();
    String base = literal.toString();
    if (!base.startsWith("/")) base = "/" + base;
    candidates.add(base);
    candidates.add(base.endsWith("/") ? base + "items" : base + "/items");
    candidates.add(base + "x");
    candidates.add("/api/");
    candidates.add("/");
    for (String c : candidates) if (regex.matches(c) == Tri.YES) return c;
    return "/";
  }
}
