package dev.corslint.rules;

import dev.corslint.model.RegexTree;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds exponential backtracking in a regex from its structure, never by running it: a group repeated
 * without bound whose body holds another unbounded repetition while everything else in the body is optional
 * ({@code (a+)+}, {@code ([a-z0-9]+)*}, {@code ([a-z0-9-]+\.?)+}). Such a body can split the same text in
 * exponentially many ways, and a backtracking engine (PCRE, Python {@code re}, JavaScript) tries them all
 * when the rest of the pattern fails.
 */
public final class RegexBacktracking {

  private RegexBacktracking() {}

  /** A pattern that backtracks, and an input that makes it. */
  public record Attack(String vulnerablePart, String input) {}

  /** The crafted input for {@code regex}, when its structure is exponential. */
  public static Optional<Attack> analyze(String regex) {
    try {
      return find(RegexTree.parse(regex), new ArrayList<>(), regex);
    } catch (RuntimeException | StackOverflowError e) {
      return Optional.empty();
    }
  }

  private static final int PUMPS = 32;

  private static Optional<Attack> find(RegexTree.Node n, List<RegexTree.Node> before, String source) {
    if (n instanceof RegexTree.Seq s) {
      for (int i = 0; i < s.items().size(); i++) {
        List<RegexTree.Node> prefix = new ArrayList<>(before);
        prefix.addAll(s.items().subList(0, i));
        Optional<Attack> a = find(s.items().get(i), prefix, source);
        if (a.isPresent()) return a;
      }
    } else if (n instanceof RegexTree.Alt a) {
      for (RegexTree.Node alt : a.alternatives()) {
        Optional<Attack> r = find(alt, before, source);
        if (r.isPresent()) return r;
      }
    } else if (n instanceof RegexTree.Group g) {
      return find(g.body(), before, source);
    } else if (n instanceof RegexTree.Quant q) {
      if (q.unbounded()) {
        Optional<Character> pump = ambiguousPump(q.body());
        if (pump.isPresent()) {
          StringBuilder in = new StringBuilder();
          for (RegexTree.Node b : before) in.append(RegexTree.sample(b));
          in.append(String.valueOf(pump.get()).repeat(PUMPS)).append('!');
          return Optional.of(new Attack(source.substring(q.start(), q.end()), in.toString()));
        }
      }
      return find(q.body(), before, source);
    }
    return Optional.empty();
  }

  /** A character the body's inner repetition consumes, when the body can split text in many ways. */
  private static Optional<Character> ambiguousPump(RegexTree.Node body) {
    RegexTree.Node inner = body instanceof RegexTree.Group g ? g.body() : body;
    List<RegexTree.Node> items = inner instanceof RegexTree.Seq s ? s.items() : List.of(inner);
    for (int i = 0; i < items.size(); i++) {
      if (items.get(i) instanceof RegexTree.Quant q && q.unbounded() && q.body() instanceof RegexTree.Atom atom) {
        boolean restOptional = true;
        for (int j = 0; j < items.size(); j++) if (j != i && !RegexTree.nullable(items.get(j))) restOptional = false;
        if (restOptional) return Optional.of(atom.sample());
      }
    }
    return Optional.empty();
  }
}
