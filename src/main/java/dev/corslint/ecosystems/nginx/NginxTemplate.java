package dev.corslint.ecosystems.nginx;

import dev.corslint.model.SourceSpan;
import java.util.ArrayList;
import java.util.List;

/**
 * A value with variables as nginx compiles it ("complex value"): literal text, {@code $name} or {@code
 * ${name}} variables, and {@code $1}..{@code $9} regex captures.
 *
 * @param segments the pieces in order
 * @param source the text as written
 * @param span the directive (or map entry) it is written in: where a value it produces comes from
 */
record NginxTemplate(List<Segment> segments, String source, SourceSpan span) {

  sealed interface Segment permits Literal, Variable, Capture {}

  record Literal(String text) implements Segment {}

  record Variable(String name) implements Segment {}

  record Capture(int number) implements Segment {}

  NginxTemplate {
    segments = List.copyOf(segments);
  }

  static NginxTemplate literal(String text, SourceSpan span) {
    return new NginxTemplate(text.isEmpty() ? List.of() : List.of(new Literal(text)), text, span);
  }

  /** Compiles {@code source} the way ngx_http_script_compile reads variables. */
  static NginxTemplate parse(String source, SourceSpan span) {
    List<Segment> out = new ArrayList<>();
    StringBuilder lit = new StringBuilder();
    int i = 0;
    int n = source.length();
    while (i < n) {
      char c = source.charAt(i);
      if (c != '$' || i + 1 >= n) {
        lit.append(c);
        i++;
        continue;
      }
      char next = source.charAt(i + 1);
      if (next >= '1' && next <= '9') {
        flush(lit, out);
        out.add(new Capture(next - '0'));
        i += 2;
        continue;
      }
      if (next == '{') {
        int close = source.indexOf('}', i + 2);
        if (close > i + 2) {
          flush(lit, out);
          out.add(new Variable(source.substring(i + 2, close)));
          i = close + 1;
          continue;
        }
        lit.append(c);
        i++;
        continue;
      }
      int j = i + 1;
      while (j < n && isNameChar(source.charAt(j))) j++;
      if (j == i + 1) {
        lit.append(c);
        i++;
        continue;
      }
      flush(lit, out);
      out.add(new Variable(source.substring(i + 1, j)));
      i = j;
    }
    flush(lit, out);
    return new NginxTemplate(out, source, span);
  }

  private static void flush(StringBuilder lit, List<Segment> out) {
    if (lit.length() > 0) {
      out.add(new Literal(lit.toString()));
      lit.setLength(0);
    }
  }

  static boolean isNameChar(char c) {
    return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_';
  }

  /** The variables named in the template. */
  List<String> variables() {
    List<String> out = new ArrayList<>();
    for (Segment s : segments) if (s instanceof Variable v) out.add(v.name());
    return out;
  }
}
