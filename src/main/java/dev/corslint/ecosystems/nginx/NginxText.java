package dev.corslint.ecosystems.nginx;

import dev.corslint.model.SourceSpan;
import java.util.ArrayList;
import java.util.List;

/**
 * A string produced by nginx's script engine while a request is simulated. It is concrete when every piece
 * is known; the request origin can stay symbolic (so that one run covers every origin and records which
 * checks it passed); other pieces may be unknown (an environment-dependent variable).
 *
 * @param parts the pieces, adjacent literals merged, empty literals dropped
 */
record NginxText(List<Part> parts) {

  sealed interface Part permits Literal, Origin, Unknown {
    SourceSpan span();
  }

  /** Known text, with the line that produced it. */
  record Literal(String text, SourceSpan span) implements Part {}

  /** The request's Origin header, whatever it is; {@code span} is where {@code $http_origin} was written. */
  record Origin(SourceSpan span) implements Part {}

  /** Text corslint cannot know statically. */
  record Unknown(String reason, SourceSpan span) implements Part {}

  static final NginxText EMPTY = new NginxText(List.of());

  NginxText {
    parts = List.copyOf(parts);
  }

  static NginxText of(String text, SourceSpan span) {
    return text.isEmpty() ? EMPTY : new NginxText(List.of(new Literal(text, span)));
  }

  static NginxText unknown(String reason, SourceSpan span) {
    return new NginxText(List.of(new Unknown(reason, span)));
  }

  static NginxText origin(SourceSpan span) {
    return new NginxText(List.of(new Origin(span)));
  }

  boolean isConcrete() {
    return parts.stream().allMatch(p -> p instanceof Literal);
  }

  /** The text when concrete. */
  String concrete() {
    StringBuilder sb = new StringBuilder();
    for (Part p : parts) if (p instanceof Literal l) sb.append(l.text());
    return sb.toString();
  }

  boolean isEmpty() {
    return parts.isEmpty();
  }

  boolean isOriginOnly() {
    return parts.size() == 1 && parts.get(0) instanceof Origin;
  }

  Unknown firstUnknown() {
    for (Part p : parts) if (p instanceof Unknown u) return u;
    return null;
  }

  /** The span of the first piece: where the value comes from. */
  SourceSpan origin() {
    return parts.isEmpty() ? null : parts.get(0).span();
  }

  static final class Builder {
    private final List<Part> parts = new ArrayList<>();

    Builder append(NginxText t) {
      for (Part p : t.parts) append(p);
      return this;
    }

    Builder append(Part p) {
      if (p instanceof Literal l) {
        if (l.text().isEmpty()) return this;
        if (!parts.isEmpty() && parts.get(parts.size() - 1) instanceof Literal prev) {
          parts.set(parts.size() - 1, new Literal(prev.text() + l.text(), prev.span()));
          return this;
        }
      }
      parts.add(p);
      return this;
    }

    NginxText build() {
      return parts.isEmpty() ? EMPTY : new NginxText(parts);
    }
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    for (Part p : parts) {
      if (p instanceof Literal l) sb.append(l.text());
      else if (p instanceof Origin) sb.append("${origin}");
      else sb.append("${?}");
    }
    return sb.toString();
  }
}
