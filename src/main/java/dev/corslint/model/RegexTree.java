package dev.corslint.model;

import java.util.ArrayList;
import java.util.List;

/**
 * The structure of a regex in the syntax PCRE, Python, JavaScript and Java share: sequences, alternations,
 * groups, quantifiers, character classes and anchors. One reader for everything corslint derives from a
 * pattern without running it: the origins its author meant, a path it matches, whether it backtracks.
 * Unbalanced input is read as far as it goes; nothing here throws for a malformed pattern.
 */
public final class RegexTree {

  private RegexTree() {}

  public sealed interface Node permits Seq, Alt, Group, Quant, Atom, Anchor {}

  public record Seq(List<Node> items) implements Node {}

  public record Alt(List<Node> alternatives) implements Node {}

  /** A group; {@code lookaround} groups match no text. */
  public record Group(Node body, boolean lookaround) implements Node {}

  /**
   * A quantified node; {@code max} is -1 when unbounded. {@code start} and {@code end} are the offsets of the
   * quantified text in the pattern.
   */
  public record Quant(Node body, int min, int max, int start, int end) implements Node {
    public boolean unbounded() {
      return max < 0;
    }
  }

  /** What one atom matches. */
  public enum AtomKind {
    /** One literal character ({@code a}, {@code \.}). */
    LITERAL,
    /** A character class {@code [...]}; {@code text} is its body without the brackets. */
    CLASS,
    /** {@code .} */
    ANY,
    /** {@code \d}, {@code \w}, {@code \s} and their negations; {@code text} is the letter. */
    SHORTHAND
  }

  public record Atom(AtomKind kind, String text) implements Node {

    /** Whether the atom stands for many characters rather than one fixed character. */
    public boolean wildcard() {
      return kind != AtomKind.LITERAL;
    }

    /** A character it matches. */
    public char sample() {
      return switch (kind) {
        case LITERAL -> text.charAt(0);
        case ANY -> 'a';
        case SHORTHAND -> switch (text) {
          case "d" -> '1';
          case "s" -> ' ';
          case "W", "D" -> '-';
          default -> 'a';
        };
        case CLASS -> classSample(text);
      };
    }

    private static char classSample(String body) {
      if (body.startsWith("^")) return body.contains("a") ? 'b' : 'a';
      if (body.contains("a-z") || body.contains("\\w")) return 'a';
      if (body.contains("A-Z")) return 'A';
      if (body.contains("0-9") || body.contains("\\d")) return '1';
      for (int i = 0; i < body.length(); i++) {
        char c = body.charAt(i);
        if (c == '\\' && i + 1 < body.length()) return body.charAt(i + 1);
        if (Character.isLetterOrDigit(c)) return c;
      }
      return body.isEmpty() ? 'a' : body.charAt(0);
    }
  }

  /** {@code ^}, {@code $}, {@code \b}, {@code \A}, {@code \z}, inline flags: match no text. */
  public record Anchor(String text) implements Node {}

  /** Reads {@code regex}. Nesting deeper than a few hundred levels is read as literal text. */
  public static Node parse(String regex) {
    return new Reader(regex).alternation(0);
  }

  /** The alternatives at the top level of {@code regex} ({@code a|b} gives two). */
  public static List<Node> alternatives(String regex) {
    Node root = parse(regex);
    return root instanceof Alt a ? a.alternatives() : List.of(root);
  }

  /** The shortest-looking text the node matches: first alternatives, minimal repetitions. */
  public static String sample(Node n) {
    StringBuilder out = new StringBuilder();
    appendSample(n, out);
    return out.toString();
  }

  private static void appendSample(Node n, StringBuilder out) {
    if (n instanceof Atom a) {
      out.append(a.sample());
    } else if (n instanceof Seq s) {
      for (Node i : s.items()) appendSample(i, out);
    } else if (n instanceof Alt a) {
      if (!a.alternatives().isEmpty()) appendSample(a.alternatives().get(0), out);
    } else if (n instanceof Group g) {
      if (!g.lookaround()) appendSample(g.body(), out);
    } else if (n instanceof Quant q) {
      for (int k = 0; k < Math.min(q.min(), 8); k++) appendSample(q.body(), out);
    }
  }

  /** Whether the node can match the empty string. */
  public static boolean nullable(Node n) {
    if (n instanceof Quant q) return q.min() == 0 || nullable(q.body());
    if (n instanceof Group g) return g.lookaround() || nullable(g.body());
    if (n instanceof Seq s) return s.items().stream().allMatch(RegexTree::nullable);
    if (n instanceof Alt a) return a.alternatives().stream().anyMatch(RegexTree::nullable);
    return n instanceof Anchor;
  }

  private static final int MAX_DEPTH = 200;

  /** A recursive-descent reader; depth-limited so a pattern of nested groups cannot overflow the stack. */
  private static final class Reader {
    private final String s;
    private int i;

    Reader(String s) {
      this.s = s;
    }

    Node alternation(int depth) {
      List<Node> alts = new ArrayList<>();
      alts.add(sequence(depth));
      while (i < s.length() && s.charAt(i) == '|') {
        i++;
        alts.add(sequence(depth));
      }
      return alts.size() == 1 ? alts.get(0) : new Alt(alts);
    }

    Node sequence(int depth) {
      List<Node> items = new ArrayList<>();
      while (i < s.length() && s.charAt(i) != '|' && !(s.charAt(i) == ')' && depth > 0)) {
        if (s.charAt(i) == ')') { // unbalanced ')' at the top: a literal
          items.add(new Atom(AtomKind.LITERAL, ")"));
          i++;
          continue;
        }
        int start = i;
        Node atom = atom(depth);
        items.add(quantified(atom, start));
      }
      return new Seq(items);
    }

    Node quantified(Node atom, int start) {
      if (i >= s.length() || atom instanceof Anchor) return atom;
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
      } else if (c == '{' && s.indexOf('}', i) > 0 && s.substring(i + 1, s.indexOf('}', i)).matches("\\d+(,\\d*)?|,\\d+")) {
        int close = s.indexOf('}', i);
        String[] parts = s.substring(i + 1, close).split(",", -1);
        i = close + 1;
        min = parts[0].isEmpty() ? 0 : Integer.parseInt(parts[0]);
        max = parts.length == 1 ? min : parts[1].isEmpty() ? -1 : Integer.parseInt(parts[1]);
      } else {
        return atom;
      }
      if (i < s.length() && (s.charAt(i) == '?' || s.charAt(i) == '+')) i++; // lazy or possessive
      return new Quant(atom, min, max, start, i);
    }

    Node atom(int depth) {
      char c = s.charAt(i);
      switch (c) {
        case '(' -> {
          if (depth >= MAX_DEPTH) {
            i++;
            return new Atom(AtomKind.LITERAL, "(");
          }
          i++;
          boolean lookaround = false;
          if (i < s.length() && s.charAt(i) == '?') {
            String rest = s.substring(i);
            if (rest.startsWith("?:")) {
              i += 2;
            } else if (rest.startsWith("?=") || rest.startsWith("?!") || rest.startsWith("?<=") || rest.startsWith("?<!")) {
              lookaround = true;
              i += rest.startsWith("?<") ? 3 : 2;
            } else if (rest.startsWith("?P<") || rest.startsWith("?<") || rest.startsWith("?'")) {
              int close = s.indexOf(rest.startsWith("?'") ? '\'' : '>', i + 2);
              i = close < 0 ? s.length() : close + 1;
            } else {
              // inline flags (?i) or (?i:...)
              int j = i + 1;
              while (j < s.length() && Character.isLetter(s.charAt(j))) j++;
              if (j < s.length() && s.charAt(j) == ')') {
                String flags = s.substring(i - 1, j + 1);
                i = j + 1;
                return new Anchor(flags);
              }
              i = j < s.length() && s.charAt(j) == ':' ? j + 1 : j;
            }
          }
          Node body = alternation(depth + 1);
          if (i < s.length() && s.charAt(i) == ')') i++;
          return new Group(body, lookaround);
        }
        case '[' -> {
          int start = ++i;
          if (i < s.length() && s.charAt(i) == '^') i++;
          if (i < s.length() && s.charAt(i) == ']') i++;
          while (i < s.length() && s.charAt(i) != ']') {
            if (s.charAt(i) == '\\') i++;
            i++;
          }
          String body = s.substring(start, Math.min(i, s.length()));
          i = Math.min(s.length(), i + 1);
          return new Atom(AtomKind.CLASS, body);
        }
        case '\\' -> {
          if (i + 1 >= s.length()) {
            i++;
            return new Atom(AtomKind.LITERAL, "\\");
          }
          char e = s.charAt(i + 1);
          i += 2;
          return switch (e) {
            case 'd', 'w', 's', 'D', 'W', 'S' -> new Atom(AtomKind.SHORTHAND, String.valueOf(e));
            case 'b', 'B', 'A', 'z', 'Z', 'G' -> new Anchor("\\" + e);
            case 'n' -> new Atom(AtomKind.LITERAL, "\n");
            case 't' -> new Atom(AtomKind.LITERAL, "\t");
            default -> new Atom(AtomKind.LITERAL, String.valueOf(e));
          };
        }
        case '^', '$' -> {
          i++;
          return new Anchor(String.valueOf(c));
        }
        case '.' -> {
          i++;
          return new Atom(AtomKind.ANY, ".");
        }
        default -> {
          i++;
          return new Atom(AtomKind.LITERAL, String.valueOf(c));
        }
      }
    }
  }
}
