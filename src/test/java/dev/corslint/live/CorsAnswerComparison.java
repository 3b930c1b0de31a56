package dev.corslint.live;

import dev.corslint.live.RawHttpClient.HeaderField;
import dev.corslint.live.RawHttpClient.RawResponse;
import dev.corslint.model.HeaderLine;
import dev.corslint.model.Response;
import dev.corslint.model.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Compares the model's answer with nginx's on what CORS depends on: the status, when the model knows it,
 * and the multiset of {@code Access-Control-*} and {@code Vary} lines (names compared without case, values
 * exactly). A header whose value the model does not know is left out on both sides, by name.
 */
final class CorsAnswerComparison {

  /** What differs, with both sides as rendered for the report. */
  record Difference(String expected, String actual, String summary) {}

  private CorsAnswerComparison() {}

  static boolean compared(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    return n.startsWith("access-control-") || n.equals("vary");
  }

  static Optional<Difference> compare(Response model, RawResponse nginx) {
    Set<String> unknownNames = new TreeSet<>();
    List<String> expected = new ArrayList<>();
    for (HeaderLine h : model.headers()) {
      if (!compared(h.name())) continue;
      Value<String> v = h.value();
      if (v.isUnknown()) unknownNames.add(h.name().toLowerCase(Locale.ROOT));
      else if (v.get().isPresent()) expected.add(line(h.name(), v.get().get()));
      // an absent value is a line that is not sent
    }
    expected.removeIf(l -> unknownNames.contains(nameOf(l)));
    List<String> actual = new ArrayList<>();
    for (HeaderField h : nginx.headers()) {
      if (compared(h.name()) && !unknownNames.contains(h.name().toLowerCase(Locale.ROOT))) {
        actual.add(line(h.name(), h.value()));
      }
    }
    Optional<Integer> status = model.status().get();
    boolean statusDiffers = status.isPresent() && status.get() != nginx.status();
    List<String> missing = minus(expected, actual);
    List<String> extra = minus(actual, expected);
    if (!statusDiffers && missing.isEmpty() && extra.isEmpty()) return Optional.empty();

    String expectedText = (status.map(String::valueOf).orElse("?")) + render(expected, unknownNames);
    String actualText = nginx.status() + render(actual, Set.of());
    List<String> parts = new ArrayList<>();
    if (statusDiffers) parts.add("status " + status.get() + "≠" + nginx.status());
    if (!missing.isEmpty()) parts.add("missing " + String.join("; ", missing));
    if (!extra.isEmpty()) parts.add("extra " + String.join("; ", extra));
    return Optional.of(new Difference(expectedText, actualText, String.join(" | ", parts)));
  }

  /** Whether two model answers agree on everything {@link #compare} looks at. */
  static boolean sameAnswer(Response a, Response b) {
    return a.status().get().equals(b.status().get()) && comparedLines(a).equals(comparedLines(b));
  }

  private static List<String> comparedLines(Response r) {
    List<String> out = new ArrayList<>();
    for (HeaderLine h : r.headers()) {
      if (!compared(h.name())) continue;
      out.add(h.value().isUnknown() ? line(h.name(), "(unknown)") : line(h.name(), h.value().get().orElse("(absent)")));
    }
    out.sort(null);
    return out;
  }

  /** Lower-case name, exact value: the unit of the multiset. */
  private static String line(String name, String value) {
    return name.toLowerCase(Locale.ROOT) + ": " + value.strip();
  }

  private static String nameOf(String line) {
    return line.substring(0, line.indexOf(':'));
  }

  /** Multiset difference a - b. */
  private static List<String> minus(List<String> a, List<String> b) {
    List<String> rest = new ArrayList<>(b);
    List<String> out = new ArrayList<>();
    for (String x : a) if (!rest.remove(x)) out.add(x);
    return out;
  }

  private static String render(List<String> lines, Set<String> unknown) {
    StringBuilder s = new StringBuilder();
    for (String l : lines) s.append("; ").append(l);
    for (String u : unknown) s.append("; ").append(u).append(": (unknown)");
    return s.toString();
  }
}
