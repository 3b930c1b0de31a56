package dev.corslint.ecosystems.nginx;

import dev.corslint.ecosystems.nginx.grammar.NginxConfigLexer;
import dev.corslint.ecosystems.nginx.grammar.NginxConfigParser;
import dev.corslint.model.Notice;
import dev.corslint.model.SourceSpan;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.antlr.v4.runtime.BailErrorStrategy;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonToken;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.ListTokenSource;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.atn.PredictionMode;
import org.antlr.v4.runtime.misc.ParseCancellationException;

/**
 * Reads nginx configuration text into {@link Directive}s. Never throws and never hangs: syntax errors become
 * notices with file and line and the broken directive is dropped, blocks nested deeper than {@link
 * #MAX_DEPTH} are skipped with a notice, and anything the parser cannot survive becomes a notice for the
 * whole file.
 */
public final class NginxParser {

  /** Directives that take a block; another directive running into one of these has lost its ';'. */
  static final Set<String> BLOCK_DIRECTIVES = Set.of("http", "server", "location", "if", "limit_except", "map",
      "upstream", "events", "types", "geo", "split_clients", "stream", "mail");

  /** Real configurations nest a handful of levels; anything deeper is generated or hostile. */
  static final int MAX_DEPTH = 100;

  private NginxParser() {}

  public static ParsedFile parse(String text, String file) {
    List<Notice> notices = new ArrayList<>();
    try {
      List<Directive> directives = read(text, file, notices);
      return new ParsedFile(file, directives, dedupe(notices));
    } catch (StackOverflowError e) {
      notices.add(Notice.error("nginx configuration nested too deeply to read; the file is skipped",
          SourceSpan.file(file)));
    } catch (RuntimeException e) {
      notices.add(Notice.error("cannot read nginx configuration (" + e.getClass().getSimpleName()
          + "); the file is skipped", SourceSpan.file(file)));
    }
    return new ParsedFile(file, List.of(), dedupe(notices));
  }

  private static List<Directive> read(String text, String file, List<Notice> notices) {
    NginxTokenizer lexer = new NginxTokenizer(CharStreams.fromString(text, file));
    lexer.removeErrorListeners();
    List<Token> tokens = new ArrayList<>();
    while (true) {
      Token t = lexer.nextToken();
      if (t.getChannel() == Token.DEFAULT_CHANNEL) tokens.add(t);
      if (t.getType() == Token.EOF) break;
    }
    if (lexer.unterminatedLuaLine() > 0) {
      notices.add(Notice.error("nginx syntax error: Lua block not closed before the end of the file",
          SourceSpan.at(file, lexer.unterminatedLuaLine(), 1)));
    }
    tokens = limitDepth(tokens, file, notices);

    CommonTokenStream stream = new CommonTokenStream(new ListTokenSource(tokens, file));
    NginxConfigParser parser = new NginxConfigParser(stream);
    parser.removeErrorListeners();
    // The grammar is LL(1): the fast SLL pass succeeds on every well-formed file; only files with errors pay
    // for the second, error-reporting pass.
    parser.getInterpreter().setPredictionMode(PredictionMode.SLL);
    parser.setErrorHandler(new BailErrorStrategy());
    NginxConfigParser.ConfigContext tree;
    try {
      tree = parser.config();
    } catch (ParseCancellationException e) {
      stream.seek(0);
      parser.reset();
      parser.addErrorListener(new NginxSyntaxErrorListener(file, notices));
      parser.setErrorHandler(new NginxRecoveryStrategy());
      parser.getInterpreter().setPredictionMode(PredictionMode.LL);
      tree = parser.config();
    }
    AstBuilder builder = new AstBuilder(file, notices);
    List<Directive> out = new ArrayList<>();
    for (var child : tree.children == null ? List.<org.antlr.v4.runtime.tree.ParseTree>of() : tree.children) {
      if (child instanceof NginxConfigParser.ItemContext item) {
        builder.addItem(item, out);
      } else if (child instanceof NginxConfigParser.StrayCloseContext close) {
        builder.unexpected(close.getStart(), "unexpected \"}\"");
      }
    }
    return out;
  }

  /** Drops blocks nested deeper than {@link #MAX_DEPTH}, keeping the directive that opens them. */
  private static List<Token> limitDepth(List<Token> tokens, String file, List<Notice> notices) {
    int depth = 0;
    List<Token> out = null;
    for (int i = 0; i < tokens.size(); i++) {
      Token t = tokens.get(i);
      if (t.getType() == NginxConfigLexer.LBRACE && depth >= MAX_DEPTH) {
        if (out == null) out = new ArrayList<>(tokens.subList(0, i));
        notices.add(Notice.warning("blocks nested deeper than " + MAX_DEPTH
            + " levels are not analysed", SourceSpan.at(file, t.getLine(), t.getCharPositionInLine() + 1)));
        int skip = 0;
        while (i < tokens.size() && tokens.get(i).getType() != Token.EOF) {
          int type = tokens.get(i).getType();
          if (type == NginxConfigLexer.LBRACE) skip++;
          else if (type == NginxConfigLexer.RBRACE && --skip == 0) break;
          i++;
        }
        CommonToken semi = new CommonToken(t);
        semi.setType(NginxConfigLexer.SEMI);
        semi.setText(";");
        out.add(semi);
        if (i < tokens.size() && tokens.get(i).getType() == Token.EOF) out.add(tokens.get(i));
        continue;
      }
      if (t.getType() == NginxConfigLexer.LBRACE) depth++;
      else if (t.getType() == NginxConfigLexer.RBRACE && depth > 0) depth--;
      if (out != null) out.add(t);
    }
    return out == null ? tokens : out;
  }

  private static List<Notice> dedupe(List<Notice> notices) {
    Set<String> seen = new LinkedHashSet<>();
    List<Notice> out = new ArrayList<>();
    for (Notice n : notices) if (seen.add(n.message() + "@" + n.span())) out.add(n);
    return out;
  }

  /** Builds {@link Directive}s from the parse tree, reporting the stray tokens the grammar tolerates. */
  private static final class AstBuilder {
    private final String file;
    private final List<Notice> notices;
    /** The second half of a directive split by {@link #splitMissingSemicolon}, to add after the first. */
    private Directive pendingSplit;

    AstBuilder(String file, List<Notice> notices) {
      this.file = file;
      this.notices = notices;
    }

    void addItem(NginxConfigParser.ItemContext item, List<Directive> out) {
      Directive d = item(item);
      if (d != null) out.add(d);
      if (pendingSplit != null) {
        out.add(pendingSplit);
        pendingSplit = null;
      }
    }

    private Directive item(NginxConfigParser.ItemContext item) {
      if (item.statement() != null) return statement(item.statement());
      NginxConfigParser.StrayContext stray = item.stray();
      if (stray == null || stray.getStart() == null) return null;
      Token t = stray.getStart();
      if (stray.block() != null || t.getType() == NginxConfigParser.LUA_BODY) {
        unexpected(t, "unexpected \"{\": a block without a directive name; the block is skipped");
      } else if (t.getType() == NginxConfigLexer.SEMI) {
        unexpected(t, "unexpected \";\"");
      } else {
        unexpected(t, errorCharMessage(t));
      }
      return null;
    }

    private Directive statement(NginxConfigParser.StatementContext s) {
      if (s.exception != null || s.word() == null || s.terminator() == null) return null;
      NginxConfigParser.TerminatorContext term = s.terminator();
      // "return 200 }": the error is reported; the directive reads as if its ';' were there, as the next
      // '}' closes the block anyway. At the end of the file the directive may be cut short: dropped.
      boolean missingSemicolon = term.exception != null
          && term.exception.getOffendingToken() != null
          && term.exception.getOffendingToken().getType() == NginxConfigLexer.RBRACE;
      if (term.exception != null && !missingSemicolon) return null;
      Token nameToken = s.word().getStart();
      Arg name = arg(nameToken);
      List<Arg> args = new ArrayList<>();
      boolean broken = false;
      Token last = nameToken;
      for (NginxConfigParser.ArgContext a : s.arg()) {
        Token t = a.getStart();
        last = t;
        if (t.getType() == NginxConfigLexer.ERROR_CHAR) {
          unexpected(t, errorCharMessage(t) + "; the directive \"" + name.value() + "\" is skipped");
          broken = true;
        } else {
          args.add(arg(t));
        }
      }
      List<Directive> block = null;
      boolean raw = false;
      int[] end;
      if (term.block() != null) {
        Token open = term.block().getStart();
        end = new int[] {open.getLine(), open.getCharPositionInLine() + 2};
        block = new ArrayList<>();
        for (NginxConfigParser.ItemContext item : term.block().item()) addItem(item, block);
      } else if (missingSemicolon) {
        end = endOf(last);
      } else if (term.LUA_BODY() != null) {
        Token open = term.LUA_BODY().getSymbol();
        end = new int[] {open.getLine(), open.getCharPositionInLine() + 2};
        block = List.of();
        raw = true;
      } else {
        Token semi = term.getStart();
        end = conjured(semi) ? endOf(last) : endOf(semi);
      }
      if (broken) return null;
      SourceSpan span =
          new SourceSpan(file, nameToken.getLine(), nameToken.getCharPositionInLine() + 1, end[0], end[1]);
      if (block != null && !raw && !BLOCK_DIRECTIVES.contains(name.value())) {
        Directive split = splitMissingSemicolon(name, args, block, span);
        if (split != null) return split;
      }
      return new Directive(name.value(), args, block, raw, span);
    }

    /**
     * "listen 80 location / {...}": a simple directive whose arguments run into a block directive is a
     * forgotten ';'. Reported, and read as the two directives that were meant, so the block is not lost.
     * The simple directive is returned with the block directive as its single child marker.
     */
    private Directive splitMissingSemicolon(Arg name, List<Arg> args, List<Directive> block, SourceSpan span) {
      for (int i = 0; i < args.size(); i++) {
        Arg a = args.get(i);
        if (a.quoted() || !BLOCK_DIRECTIVES.contains(a.value())) continue;
        notices.add(Notice.error("nginx syntax error: expected \";\" before \"" + a.value()
            + "\" (\"" + name.value() + "\" takes no block)", a.span()));
        SourceSpan firstSpan = new SourceSpan(file, span.line(), span.column(),
            i == 0 ? name.span().endLine() : args.get(i - 1).span().endLine(),
            i == 0 ? name.span().endColumn() : args.get(i - 1).span().endColumn());
        SourceSpan secondSpan = new SourceSpan(file, a.span().line(), a.span().column(), span.endLine(),
            span.endColumn());
        Directive first = new Directive(name.value(), args.subList(0, i), null, false, firstSpan);
        Directive second = new Directive(a.value(), args.subList(i + 1, args.size()), block, false, secondSpan);
        pendingSplit = second;
        return first;
      }
      return null;
    }

    private Arg arg(Token t) {
      String raw = t.getText();
      int[] end = endOf(t);
      SourceSpan span = new SourceSpan(file, t.getLine(), t.getCharPositionInLine() + 1, end[0], end[1]);
      boolean quoted = t.getType() == NginxConfigLexer.DQ_STRING || t.getType() == NginxConfigLexer.SQ_STRING;
      String body = quoted ? raw.substring(1, raw.length() - 1) : raw;
      return new Arg(raw, unescape(body), quoted, span);
    }

    void unexpected(Token t, String message) {
      notices.add(Notice.error("nginx syntax error: " + message,
          SourceSpan.at(file, t.getLine(), t.getCharPositionInLine() + 1)));
    }

    private static String errorCharMessage(Token t) {
      String s = t.getText();
      if ("\"".equals(s) || "'".equals(s)) return "unterminated quoted string";
      if ("\\".equals(s)) return "backslash at the end of the file";
      return "unexpected character " + NginxSyntaxErrorListener.describe(t);
    }

    /** Tokens ANTLR invents while recovering have no place in the input. */
    private static boolean conjured(Token t) {
      return t.getStartIndex() < 0;
    }

    /** Line and exclusive 1-based end column of a token. */
    private static int[] endOf(Token t) {
      String text = t.getText() == null ? "" : t.getText();
      int line = t.getLine();
      int col = t.getCharPositionInLine() + 1;
      int nl = text.lastIndexOf('\n');
      if (nl < 0) return new int[] {line, col + text.codePointCount(0, text.length())};
      int lines = 0;
      for (int i = 0; i < text.length(); i++) if (text.charAt(i) == '\n') lines++;
      return new int[] {line + lines, text.codePointCount(nl + 1, text.length()) + 1};
    }
  }

  /** Resolves escapes exactly as nginx's tokenizer does; other backslashes stay for regexes to use. */
  static String unescape(String s) {
    if (s.indexOf('\\') < 0) return s;
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 1 < s.length()) {
        char n = s.charAt(i + 1);
        switch (n) {
          case '"', '\'', '\\' -> {
            out.append(n);
            i++;
            continue;
          }
          case 't' -> {
            out.append('\t');
            i++;
            continue;
          }
          case 'r' -> {
            out.append('\r');
            i++;
            continue;
          }
          case 'n' -> {
            out.append('\n');
            i++;
            continue;
          }
          default -> {}
        }
      }
      out.append(c);
    }
    return out.toString();
  }
}
