package dev.corslint.ecosystems.nginx;

import dev.corslint.ecosystems.nginx.grammar.NginxConfigLexer;
import dev.corslint.ecosystems.nginx.grammar.NginxConfigParser;
import org.antlr.v4.runtime.CharStream;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.misc.Interval;

/**
 * The generated lexer plus the one context-sensitive rule nginx has: the block of a {@code *_by_lua_block}
 * directive is Lua, not nginx syntax (lua-nginx-module reads it with its own tokenizer). It becomes a single
 * {@code LUA_BODY} token, found by balancing braces outside Lua strings and comments, so that a '}' inside
 * a Lua string cannot close an nginx block.
 */
final class NginxTokenizer extends NginxConfigLexer {

  private boolean directiveStart = true;
  private boolean luaPending;
  private int unterminatedLuaLine = -1;

  NginxTokenizer(CharStream input) {
    super(input);
  }

  /** Line of a Lua block that runs to the end of the file, or -1. */
  int unterminatedLuaLine() {
    return unterminatedLuaLine;
  }

  @Override
  public Token nextToken() {
    Token t = super.nextToken();
    if (t.getChannel() != Token.DEFAULT_CHANNEL) return t;
    switch (t.getType()) {
      case WORD, DQ_STRING, SQ_STRING, ERROR_CHAR -> {
        if (directiveStart) luaPending = t.getText().endsWith("_by_lua_block");
        directiveStart = false;
      }
      case LBRACE -> {
        if (luaPending) t = luaBody(t);
        directiveStart = true;
        luaPending = false;
      }
      case SEMI, RBRACE -> {
        directiveStart = true;
        luaPending = false;
      }
      default -> {}
    }
    return t;
  }

  /** Consumes the Lua code after '{' up to its balancing '}' and returns one token for all of it. */
  private Token luaBody(Token open) {
    CharStream in = _input;
    int depth = 1;
    while (depth > 0) {
      int c = in.LA(1);
      if (c == CharStream.EOF) {
        unterminatedLuaLine = open.getLine();
        break;
      }
      if (c == '-' && in.LA(2) == '-') {
        consume(2);
        int level = longBracketLevel(in);
        if (level >= 0) skipLongBracket(level);
        else skipToEndOfLine();
        continue;
      }
      if (c == '[') {
        int level = longBracketLevel(in);
        if (level >= 0) {
          skipLongBracket(level);
          continue;
        }
      } else if (c == '"' || c == '\'') {
        skipShortString(c);
        continue;
      } else if (c == '{') {
        depth++;
      } else if (c == '}') {
        depth--;
      }
      consume(1);
    }
    int stop = in.index() - 1;
    String text = in.getText(Interval.of(open.getStartIndex(), stop));
    return _factory.create(
        _tokenFactorySourcePair,
        NginxConfigParser.LUA_BODY,
        text,
        Token.DEFAULT_CHANNEL,
        open.getStartIndex(),
        stop,
        open.getLine(),
        open.getCharPositionInLine());
  }

  private void consume(int n) {
    for (int i = 0; i < n && _input.LA(1) != CharStream.EOF; i++) getInterpreter().consume(_input);
  }

  /** The level of a Lua long bracket ({@code [[} is 0, {@code [==[} is 2) starting here, or -1. */
  private static int longBracketLevel(CharStream in) {
    if (in.LA(1) != '[') return -1;
    int i = 2;
    while (in.LA(i) == '=') i++;
    return in.LA(i) == '[' ? i - 2 : -1;
  }

  private void skipLongBracket(int level) {
    consume(level + 2);
    while (_input.LA(1) != CharStream.EOF) {
      if (_input.LA(1) == ']') {
        int i = 2;
        while (i - 2 < level && _input.LA(i) == '=') i++;
        if (i - 2 == level && _input.LA(i) == ']') {
          consume(level + 2);
          return;
        }
      }
      consume(1);
    }
  }

  private void skipShortString(int quote) {
    consume(1);
    while (true) {
      int c = _input.LA(1);
      if (c == CharStream.EOF || c == '\n') return;
      if (c == '\\') {
        consume(2);
        continue;
      }
      consume(1);
      if (c == quote) return;
    }
  }

  private void skipToEndOfLine() {
    while (_input.LA(1) != CharStream.EOF && _input.LA(1) != '\n') consume(1);
  }
}
