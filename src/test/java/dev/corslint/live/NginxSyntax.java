package dev.corslint.live;

import java.util.ArrayList;
import java.util.List;

/**
 * A small reader and printer for nginx configuration syntax, written for the live tests so that they can
 * rewrite a fixture for loopback without depending on the analyzer's own parser (which is what they test).
 * Tokens follow nginx's {@code ngx_conf_read_token}: words end at whitespace, {@code ;} or <code>{</code>
 * (except <code>${</code>), quotes start only at the beginning of a word, and {@code #} starts a comment
 * only there too. Every word keeps its raw text so that printing reproduces it exactly.
 */
final class NginxSyntax {

  private NginxSyntax() {}

  /** One word of a directive: as written, and with quotes and escapes removed. */
  record Word(String raw, String value) {
    static Word of(String value) {
      boolean plain = !value.isEmpty() && value.chars().noneMatch(c -> " \t\r\n;{}\"'\\#".indexOf(c) >= 0);
      if (plain) return new Word(value, value);
      return new Word("\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"", value);
    }
  }

  /**
   * A simple directive ({@code block == null}) or a block directive.
   *
   * @param file the fixture file it was read from, relative to the fixture root; null when generated
   * @param line 1-based line of the directive's name
   * @param endLine line of the terminating {@code ;} or closing brace
   */
  record Directive(List<Word> words, List<Directive> block, String file, int line, int endLine) {
    Directive {
      words = List.copyOf(words);
      block = block == null ? null : List.copyOf(block);
    }

    static Directive simple(String... values) {
      List<Word> ws = new ArrayList<>();
      for (String v : values) ws.add(Word.of(v));
      return new Directive(ws, null, null, 0, 0);
    }

    static Directive block(String name, List<String> args, List<Directive> children) {
      List<Word> ws = new ArrayList<>();
      ws.add(Word.of(name));
      for (String a : args) ws.add(Word.of(a));
      return new Directive(ws, children, null, 0, 0);
    }

    String name() {
      return words.get(0).value();
    }

    /** Argument values, without the name. */
    List<String> args() {
      return words.subList(1, words.size()).stream().map(Word::value).toList();
    }

    boolean hasBlock() {
      return block != null;
    }

    Directive withWords(List<Word> newWords) {
      return new Directive(newWords, block, file, line, endLine);
    }

    Directive withBlock(List<Directive> newBlock) {
      return new Directive(words, newBlock, file, line, endLine);
    }
  }

  static final class SyntaxError extends Exception {
    SyntaxError(String file, int line, String message) {
      super(file + ":" + line + ": " + message);
    }
  }

  static List<Directive> parse(String text, String file) throws SyntaxError {
    Parser p = new Parser(text, file);
    List<Directive> out = p.directives(false);
    return out;
  }

  static String print(List<Directive> directives) {
    StringBuilder out = new StringBuilder();
    print(directives, 0, out);
    return out.toString();
  }

  private static void print(List<Directive> directives, int depth, StringBuilder out) {
    for (Directive d : directives) {
      out.append("    ".repeat(depth));
      for (int i = 0; i < d.words().size(); i++) {
        if (i > 0) out.append(' ');
        out.append(d.words().get(i).raw());
      }
      if (d.hasBlock()) {
        out.append(" {\n");
        print(d.block(), depth + 1, out);
        out.append("    ".repeat(depth)).append("}\n");
      } else {
        out.append(";\n");
      }
    }
  }

  private static final class Parser {
    private final String text;
    private final String file;
    private int pos;
    private int line = 1;

    Parser(String text, String file) {
      this.text = text;
      this.file = file;
    }

    List<Directive> directives(boolean inBlock) throws SyntaxError {
      List<Directive> out = new ArrayList<>();
      List<Word> words = new ArrayList<>();
      int startLine = 0;
      while (true) {
        skipSpaceAndComments();
        if (pos >= text.length()) {
          if (inBlock) throw new SyntaxError(file, line, "unexpected end of file, expecting \"}\"");
          if (!words.isEmpty()) throw new SyntaxError(file, line, "unexpected end of file, expecting \";\" or \"}\"");
          return out;
        }
        char c = text.charAt(pos);
        if (c == ';') {
          if (words.isEmpty()) throw new SyntaxError(file, line, "unexpected \";\"");
          pos++;
          out.add(new Directive(words, null, file, startLine, line));
          words = new ArrayList<>();
        } else if (c == '{') {
          if (words.isEmpty()) throw new SyntaxError(file, line, "unexpected \"{\"");
          pos++;
          List<Directive> children = directives(true);
          out.add(new Directive(words, children, file, startLine, line));
          pos++; // the closing brace, consumed here so that its line is the end line above
          words = new ArrayList<>();
        } else if (c == '}') {
          if (!inBlock) throw new SyntaxError(file, line, "unexpected \"}\"");
          if (!words.isEmpty()) throw new SyntaxError(file, line, "unexpected \"}\"");
          return out;
        } else {
          if (words.isEmpty()) startLine = line;
          words.add(word());
        }
      }
    }

    private void skipSpaceAndComments() {
      while (pos < text.length()) {
        char c = text.charAt(pos);
        if (c == '\n') {
          line++;
          pos++;
        } else if (Character.isWhitespace(c)) {
          pos++;
        } else if (c == '#') {
          while (pos < text.length() && text.charAt(pos) != '\n') pos++;
        } else {
          return;
        }
      }
    }

    private Word word() throws SyntaxError {
      int start = pos;
      char first = text.charAt(pos);
      StringBuilder value = new StringBuilder();
      if (first == '"' || first == '\'') {
        pos++;
        while (true) {
          if (pos >= text.length()) throw new SyntaxError(file, line, "unexpected end of file in a quoted string");
          char c = text.charAt(pos);
          if (c == '\n') line++;
          if (c == '\\' && pos + 1 < text.length()) {
            unescape(text.charAt(pos + 1), value);
            pos += 2;
            continue;
          }
          pos++;
          if (c == first) break;
          value.append(c);
        }
        return new Word(text.substring(start, pos), value.toString());
      }
      boolean afterDollar = false;
      while (pos < text.length()) {
        char c = text.charAt(pos);
        if (c == '{' && afterDollar) {
          // ${name}: the brace belongs to the variable, not to a block
          value.append(c);
          pos++;
          afterDollar = false;
          continue;
        }
        if (Character.isWhitespace(c) || c == ';' || c == '{') break;
        afterDollar = c == '$';
        if (c == '\\' && pos + 1 < text.length()) {
          if (text.charAt(pos + 1) == '\n') line++;
          unescape(text.charAt(pos + 1), value);
          pos += 2;
          continue;
        }
        value.append(c);
        pos++;
      }
      return new Word(text.substring(start, pos), value.toString());
    }

    /** nginx unescapes only these; any other backslash stays as written (regexes keep theirs). */
    private static void unescape(char n, StringBuilder value) {
      switch (n) {
        case '"', '\'', '\\' -> value.append(n);
        case 't' -> value.append('\t');
        case 'r' -> value.append('\r');
        case 'n' -> value.append('\n');
        default -> value.append('\\').append(n);
      }
    }
  }
}
