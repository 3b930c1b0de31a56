package dev.corslint.rules;

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
      Parser p = new Parser(regex);
      Node root = p.alternation();
      List<Node> path = new ArrayList<>();
      return find(root, path, regex);
    } catch (RuntimeException | StackOverflowError e) {
      return Optional.empty();
    }
  }

  private static final int PUMPS = 32;

  private static Optional<Attack> find(Node n, List<Node> before, String source) {
    if (n instanceof Seq s) {
      for (int i = 0; i < s.items.size(); i++) {
        List<Node> prefix = new ArrayList<>(before);
        prefix.addAll(s.items.subList(0, i));
        Optional<Attack> a = find(s.items.get(i), prefix, source);
        if (a.isPresent()) return a;
      }
    } else if (n instanceof Alt a) {
      for (Node alt : a.alternatives) {
        Optional<Attack> r = find(alt, before, source);
        if (r.isPresent()) return r;
      }
    } else if (n instanceof Group g) {
      return find(g.body, before, source);
    } else if (n instanceof Quant q) {
      if (q.unbounded()) {
        Optional<Character> pump = ambiguousPump(q.body);
        if (pump.isPresent()) {
          StringBuilder in = new StringBuilder();
          for (Node b : before) in.append(sample(b));
          in.append(String.valueOf(pump.get()).repeat(PUMPS)).append('!');
          return Optional.of(new Attack(source.substring(q.start, q.end), in.toString()));
        }
      }
      return find(q.body, before, source);
    }
    return Optional.empty();
  }

  /** A character the body's inner repetition consumes, when the body can split text in many ways. */
  private static Optional<Character> ambiguousPump(Node body) {
    Node inner = body instanceof Group g ? g.body : body;
    List<Node> items = inner instanceof Seq s ? s.items : List.of(inner);
    for (int i = 0; i < items.size(); i++) {
      if (items.get(i) instanceof Quant q && q.unbounded() && q.body instanceof Atom atom) {
        boolean restOptional = true;
        for (int j = 0; j < items.size(); j++) if (j != i && !nullable(items.get(j))) restOptional = false;
        if (restOptional) return Optional.of(atom.sample);
      }
    }
    return Optional.empty();
  }

  private static boolean nullable(Node n) {
    if (n instanceof Quant q) return q.min == 0 || nullable(q.body);
    if (n instanceof Group g) return nullable(g.body);
    if (n instanceof Seq s) return s.items.stream().allMatch(RegexBacktracking::nullable);
    if (n instanceof Alt a) return a.alternatives.stream().anyMatch(RegexBacktracking::nullable);
    return n instanceof Anchor;
  }

  /** Text that the node matches, for building the prefix of the attack. */
  private static String sample(Node n) {
    if (n instanceof Atom a) return String.valueOf(a.sample);
    if (n instanceof Anchor) return "";
    if (n instanceof Group g) return sample(g.body);
    if (n instanceof Seq s) {
      StringBuilder b = new StringBuilder();
      for (Node i : s.items) b.append(sample(i));
      return b.toString();
    }
    if (n instanceof Alt a) return a.alternatives.isEmpty() ? "" : sample(a.alternatives.get(0));
    if (n instanceof Quant q) return q.min == 0 ? "" : sample(q.body).repeat(Math.min(q.min, 3));
    return "";
  }

  private interface Node {}

  private record Seq(List<Node> items) implements Node {}

  private record Alt(List<Node> alternatives) implements Node {}

  private record Group(Node body) implements Node {}

  private record Quant(Node body, int min, int max, int start, int end) implements Node {
    boolean unbounded() {
      return max < 0;
    }
  }

  private record Atom(char sample) implements Node {}

  private record Anchor() implements Node {}

  /** A small recursive-descent reader of the common regex syntax shared by PCRE, Python and JavaScript. */
  private static final class Parser {
    private final String s;
    private int i;

    Parser(String s) {
      this.s = s;
    }

    Node alternation() {
      List<Node> alts = new ArrayList<>();
      alts.add(sequence());
      while (i < s.length() && s.charAt(i) == '|') {
        i++;
        alts.add(sequence());
      }
      return alts.size() == 1 ? alts.get(0) : new Alt(alts);
    }

    Node sequence() {
      List<Node> items = new ArrayList<>();
      while (i < s.length() && s.charAt(i) != '|' && s.charAt(i) != ')') {
        int start = i;
        Node atom = atom();
        items.add(quantified(atom, start));
      }
      return new Seq(items);
    }

    Node quantified(Node atom, int start) {
      if (i >= s.length()) return atom;
      char c = s.charAt(i);
      int min;
      int max;
      if (c == '*') {
        min = 0;
        max = -1;
        i++;
      } else if (c == '+') {
        min = 1;
        max = -1;
        i++;
      } else if (c == '?') {
        min = 0;
        max = 1;
        i++;
      } else if (c == '{' && s.indexOf('}', i) > 0 && s.substring(i + 1, s.indexOf('}', i)).matches("\\d*(,\\d*)?")) {
        String body = s.substring(i + 1, s.indexOf('}', i));
        i = s.indexOf('}', i) + 1;
        String[] parts = body.split(",", -1);
        min = parts[0].isEmpty() ? 0 : Integer.parseInt(parts[0]);
        max = parts.length == 1 ? min : parts[1].isEmpty() ? -1 : Integer.parseInt(parts[1]);
      } else {
        return atom;
      }
      if (i < s.length() && (s.charAt(i) == '?' || s.charAt(i) == '+')) i++; // lazy or possessive
      return new Quant(atom, min, max, start, i);
    }

    Node atom() {
      char c = s.charAt(i);
      switch (c) {
        case '(' -> {
          i++;
          if (i < s.length() && s.charAt(i) == '?') {
            // (?:...), (?P<n>...), (?<n>...), (?i), lookarounds
            int close = i;
            while (close < s.length() && s.charAt(close) != ':' && s.charAt(close) != ')' && s.charAt(close) != '>'
                && s.charAt(close) != '=' && s.charAt(close) != '!') close++;
            if (close < s.length() && s.charAt(close) == ')') {
              i = close + 1;
              return new Anchor();
            }
            i = Math.min(s.length(), close + 1);
          }
          Node body = alternation();
          if (i < s.length() && s.charAt(i) == ')') i++;
          return new Group(body);
        }
        case '[' -> {
          int start = i;
          i++;
          if (i < s.length() && s.charAt(i) == '^') i++;
          if (i < s.length() && s.charAt(i) == ']') i++;
          while (i < s.length() && s.charAt(i) != ']') {
            if (s.charAt(i) == '\\') i++;
            i++;
          }
          i = Math.min(s.length(), i + 1);
          return new Atom(classSample(s.substring(start, i)));
        }
        case '\\' -> {
          i += 2;
          char e = i - 1 < s.length() ? s.charAt(i - 1) : '\\';
          return switch (e) {
            case 'd' -> new Atom('1');
            case 'w', 'S', 'W', 'D' -> new Atom('a');
            case 's' -> new Atom(' ');
            case 'b', 'B', 'A', 'z', 'Z', 'G' -> new Anchor();
            default -> new Atom(e);
          };
        }
        case '^', '$' -> {
          i++;
          return new Anchor();
        }
        case '.' -> {
          i++;
          return new Atom('a');
        }
        default -> {
          i++;
          return new Atom(c);
        }
      }
    }

    private static char classSample(String cls) {
      String body = cls.substring(1, Math.max(1, cls.length() - 1));
      if (body.startsWith("^")) return 'a';
      if (body.contains("a-z") || body.contains("\\w")) return 'a';
      if (body.contains("A-Z")) return 'A';
      if (body.contains("0-9") || body.contains("\\d")) return '1';
      for (char ch : body.toCharArray()) if (Character.isLetterOrDigit(ch)) return ch;
      return body.isEmpty() ? 'a' : body.charAt(0);
    }
  }
}
