package dev.corslint.model;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads an origin regex the way its author meant it: {@code ^https?://(www\.)?example\.com$} was written to
 * allow {@code https://example.com}. The examples are the base from which attacker look-alikes are derived,
 * so they keep the literal host; a repeated wildcard before a dot becomes a plain label.
 */
final class RegexExamples {

  private RegexExamples() {}

  static List<String> intended(GuardedRegex regex) {
    List<String> out = new ArrayList<>();
    for (RegexTree.Node alternative : RegexTree.alternatives(regex.source())) {
      StringBuilder b = new StringBuilder();
      render(alternative, null, b);
      String example = b.toString();
      if (!example.contains("://")) example = "https://" + example.replaceFirst("^/+", "");
      if (!out.contains(example) && example.length() > "https://".length()) out.add(example);
    }
    List<String> accepted = out.stream().filter(o -> regex.matches(o) == Tri.YES).toList();
    return accepted.isEmpty() ? out : accepted;
  }

  /** Appends what {@code n} was meant to match; {@code next} is the node that follows it, if any. */
  private static void render(RegexTree.Node n, RegexTree.Node next, StringBuilder out) {
    if (n instanceof RegexTree.Seq s) {
      List<RegexTree.Node> items = s.items();
      for (int i = 0; i < items.size(); i++) render(items.get(i), i + 1 < items.size() ? items.get(i + 1) : next, out);
    } else if (n instanceof RegexTree.Alt a) {
      if (!a.alternatives().isEmpty()) render(a.alternatives().get(0), next, out);
    } else if (n instanceof RegexTree.Group g) {
      if (!g.lookaround()) render(g.body(), next, out);
    } else if (n instanceof RegexTree.Atom a) {
      // A lone unescaped dot in an origin pattern is meant as a dot.
      out.append(a.kind() == RegexTree.AtomKind.ANY ? '.' : a.sample());
    } else if (n instanceof RegexTree.Quant q) {
      renderQuantified(q, next, out);
    }
  }

  private static void renderQuantified(RegexTree.Quant q, RegexTree.Node next, StringBuilder out) {
    if (q.body() instanceof RegexTree.Atom a) {
      if (q.max() == 1) {
        // https? means https; any other optional character is left out.
        if (a.kind() == RegexTree.AtomKind.LITERAL && a.text().equals("s") && out.toString().endsWith("http")) out.append('s');
      } else if (a.wildcard()) {
        if (q.min() > 0 || isDot(next)) out.append("app");
      } else if (q.min() > 0) {
        out.append(a.sample());
      }
    } else if (q.min() > 0) {
      render(q.body(), next, out);
    }
  }

  private static boolean isDot(RegexTree.Node n) {
    return n instanceof RegexTree.Atom a && (a.kind() == RegexTree.AtomKind.ANY || a.text().equals("."));
  }
}
