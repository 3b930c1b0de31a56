package dev.corslint.ecosystems.django.flask;

import dev.corslint.model.HeaderLine;
import dev.corslint.model.OriginMatcher;
import dev.corslint.model.Request;
import dev.corslint.model.SourceSpan;
import dev.corslint.model.Value;
import java.util.ArrayList;
import java.util.List;

/**
 * An {@code @app.after_request} function that writes CORS headers itself. Flask runs these hooks in reverse
 * order of registration, flask-cors' own hook among them: a hook registered after {@code CORS(app)} runs
 * before it (and flask-cors then leaves a response that already has {@code Access-Control-Allow-Origin}
 * alone); one registered before runs after it, and its {@code headers.add} adds a second line.
 *
 * @param runsBeforeCors registered after {@code CORS(app)}
 */
record ResponseHook(String function, List<HeaderOp> ops, boolean runsBeforeCors, SourceSpan at) {

  ResponseHook {
    ops = List.copyOf(ops);
  }

  /** {@code headers[name] = value} (SET) or {@code headers.add(name, value)} (ADD). */
  record HeaderOp(boolean add, String name, HookValue value, List<String> onlyForOrigins, String conditionUnknown, SourceSpan at) {}

  /**
   * A literal, the request's own Origin, or something else.
   *
   * @param withoutOrigin for a reflected Origin, what is written when the request has none (the default of
   *     {@code request.headers.get("Origin", default)}; werkzeug writes {@code None} as the text "None"), or
   *     null when nothing is written
   */
  record HookValue(String literal, boolean reflect, String withoutOrigin, String unknownReason) {
    static HookValue of(String literal) {
      return new HookValue(literal, false, null, null);
    }
  }

  void apply(List<HeaderLine> headers, Request req) {
    for (HeaderOp op : ops) {
      if (op.onlyForOrigins() != null && (req.origin() == null || !op.onlyForOrigins().contains(req.origin()))) continue;
      Value<String> v;
      if (op.conditionUnknown() != null) {
        v = Value.unknown(op.conditionUnknown(), op.at());
      } else if (op.value().reflect()) {
        if (req.origin() == null && op.value().withoutOrigin() == null) continue;
        v = Value.known(req.origin() != null ? req.origin() : op.value().withoutOrigin(), op.at());
      } else if (op.value().literal() != null) {
        v = Value.known(op.value().literal(), op.at());
      } else {
        v = Value.unknown(op.value().unknownReason(), op.at());
      }
      if (!op.add()) headers.removeIf(h -> h.is(op.name()));
      headers.add(new HeaderLine(op.name(), v, "after_request " + function));
    }
  }

  /** Whether the hook always sets Access-Control-Allow-Origin. */
  boolean alwaysSetsAllowOrigin() {
    return ops.stream().anyMatch(o -> o.name().equalsIgnoreCase("Access-Control-Allow-Origin")
        && o.onlyForOrigins() == null && o.conditionUnknown() == null);
  }

  /** The origins this hook lets in, as matchers. */
  List<OriginMatcher> matchers() {
    List<OriginMatcher> out = new ArrayList<>();
    for (HeaderOp o : ops) {
      if (!o.name().equalsIgnoreCase("Access-Control-Allow-Origin")) continue;
      if (o.conditionUnknown() != null) {
        out.add(new OriginMatcher.Opaque(o.conditionUnknown(), o.at()));
      } else if (o.onlyForOrigins() != null) {
        for (String origin : o.onlyForOrigins()) out.add(new OriginMatcher.Exact(origin, o.at()));
      } else if (o.value().reflect()) {
        out.add(new OriginMatcher.Reflect(o.at()));
      } else if ("*".equals(o.value().literal())) {
        out.add(new OriginMatcher.Wildcard(o.at()));
      } else if (o.value().literal() != null) {
        out.add(new OriginMatcher.Exact(o.value().literal(), o.at()));
      } else {
        out.add(new OriginMatcher.Opaque(o.value().unknownReason(), o.at()));
      }
    }
    return out;
  }
}
