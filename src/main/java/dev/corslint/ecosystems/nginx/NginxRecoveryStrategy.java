package dev.corslint.ecosystems.nginx;

import dev.corslint.ecosystems.nginx.grammar.NginxConfigParser;
import org.antlr.v4.runtime.DefaultErrorStrategy;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.TokenStream;
import org.antlr.v4.runtime.misc.IntervalSet;

/**
 * Resynchronises where nginx directives end: after the next ';' or a whole '{...}' block, or before the '}'
 * that closes the enclosing block. A broken directive is dropped; its neighbours survive.
 */
final class NginxRecoveryStrategy extends DefaultErrorStrategy {

  @Override
  public void recover(Parser recognizer, RecognitionException e) {
    TokenStream in = recognizer.getInputStream();
    if (lastErrorIndex == in.index() && in.LA(1) != Token.EOF) {
      // Recovering twice at the same token would loop: always move on.
      recognizer.consume();
    }
    lastErrorIndex = in.index();
    if (lastErrorStates == null) lastErrorStates = new IntervalSet();
    lastErrorStates.add(recognizer.getState());
    int depth = 0;
    while (true) {
      int la = in.LA(1);
      if (la == Token.EOF) return;
      if (la == NginxConfigParser.LBRACE) {
        depth++;
      } else if (la == NginxConfigParser.RBRACE) {
        if (depth == 0) return;
        depth--;
        if (depth == 0) {
          recognizer.consume();
          return;
        }
      } else if (la == NginxConfigParser.SEMI && depth == 0) {
        recognizer.consume();
        return;
      }
      recognizer.consume();
    }
  }
}
