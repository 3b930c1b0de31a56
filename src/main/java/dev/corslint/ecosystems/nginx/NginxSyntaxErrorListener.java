package dev.corslint.ecosystems.nginx;

import dev.corslint.ecosystems.nginx.grammar.NginxConfigParser;
import dev.corslint.model.Notice;
import dev.corslint.model.SourceSpan;
import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.misc.IntervalSet;

/** Turns ANTLR's syntax errors into notices worded the way nginx words them: what was found, what was expected. */
final class NginxSyntaxErrorListener extends BaseErrorListener {

  private final String file;
  private final List<Notice> notices;

  NginxSyntaxErrorListener(String file, List<Notice> notices) {
    this.file = file;
    this.notices = notices;
  }

  @Override
  public void syntaxError(
      Recognizer<?, ?> recognizer,
      Object offendingSymbol,
      int line,
      int charPositionInLine,
      String msg,
      RecognitionException e) {
    String found = offendingSymbol instanceof Token t ? describe(t) : "input";
    String expected = recognizer instanceof Parser p ? expected(p) : "";
    String text;
    if (msg != null && msg.startsWith("missing") && !expected.isEmpty()) {
      text = "expected " + expected + " before " + found;
    } else {
      text = "unexpected " + found + (expected.isEmpty() ? "" : ", expecting " + expected);
    }
    notices.add(
        Notice.error("nginx syntax error: " + text, SourceSpan.at(file, line, charPositionInLine + 1)));
  }

  static String describe(Token t) {
    if (t.getType() == Token.EOF) return "end of file";
    String s = t.getText() == null ? "" : t.getText();
    if (s.length() > 24) s = s.substring(0, 24) + "...";
    return "\"" + s + "\"";
  }

  private static String expected(Parser p) {
    IntervalSet set;
    try {
      set = p.getExpectedTokens();
    } catch (RuntimeException e) {
      return "";
    }
    List<String> names = new ArrayList<>();
    for (int type : set.toList()) {
      String name =
          switch (type) {
            case NginxConfigParser.SEMI -> "\";\"";
            case NginxConfigParser.LBRACE -> "\"{\"";
            case NginxConfigParser.RBRACE -> "\"}\"";
            case NginxConfigParser.WORD, NginxConfigParser.DQ_STRING, NginxConfigParser.SQ_STRING -> "a word";
            case Token.EOF -> "end of file";
            default -> null;
          };
      if (name != null && !names.contains(name)) names.add(name);
    }
    return String.join(" or ", names);
  }
}
