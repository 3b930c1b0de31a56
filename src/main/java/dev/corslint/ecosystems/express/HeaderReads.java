package dev.corslint.ecosystems.express;

import dev.corslint.model.SourceSpan;
import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The request headers a handler reads: {@code req.get('X-Api-Key')}, {@code req.header(...)},
 * {@code req.headers['x-api-key']}, {@code req.headers.authorization}, {@code const { authorization } = req.headers}.
 * Headers a page cannot set or that need no permission (CORS-safelisted, forbidden, set by proxies) are left out.
 */
final class HeaderReads {

  /** A header read and where. */
  record Read(String name, SourceSpan span) {}

  private static final Set<String> IGNORED = Set.of(
      "origin", "host", "cookie", "user-agent", "referer", "referrer", "accept", "accept-language", "accept-encoding",
      "content-type", "content-language", "content-length", "connection", "forwarded", "via", "dnt", "te",
      "if-none-match", "if-modified-since", "if-match", "if-unmodified-since", "range", "upgrade", "cache-control",
      "pragma", "x-forwarded-for", "x-forwarded-proto", "x-forwarded-host", "x-forwarded-port", "x-real-ip",
      "x-requested-with-ip", "cf-connecting-ip", "true-client-ip", "x-request-start", "keep-alive", "date", "expect",
      "access-control-request-method", "access-control-request-headers");

  private HeaderReads() {}

  static boolean worthReporting(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    return !n.isEmpty() && !IGNORED.contains(n) && !n.startsWith("sec-") && !n.startsWith("proxy-")
        && !n.startsWith("x-forwarded-") && !n.startsWith("cf-") && n.matches("[a-z0-9!#$%&'*+.^_`|~-]+");
  }

  /** Reads in a handler whose request parameter is {@code function}'s parameter at {@code requestIndex}. */
  static List<Read> of(JsNode function, int requestIndex) {
    List<JsNode> params = JsModule.parameters(function);
    if (params.size() <= requestIndex) return List.of();
    String req = JsModule.parameterName(params.get(requestIndex));
    if (req == null) return List.of();
    List<Read> out = new ArrayList<>();
    Deque<JsNode> work = new ArrayDeque<>();
    JsNode body = function.child("body");
    if (body != null) work.push(body);
    while (!work.isEmpty()) {
      JsNode n = work.pop();
      switch (n.type()) {
        case "call_expression" -> {
          JsNode fn = n.child("function");
          if (fn != null && fn.is("member_expression") && isNamed(fn.child("object"), req)) {
            JsNode prop = fn.child("property");
            if (prop != null && (prop.text().equals("get") || prop.text().equals("header"))) {
              JsNode args = n.child("arguments");
              JsNode a0 = args == null || args.namedChildren().isEmpty() ? null : args.namedChildren().get(0);
              if (a0 != null && a0.is("string")) add(out, JsStrings.decode(a0), n.span());
            }
          }
        }
        case "subscript_expression" -> {
          if (isHeaders(n.child("object"), req)) {
            JsNode idx = n.child("index");
            if (idx != null && idx.is("string")) add(out, JsStrings.decode(idx), n.span());
          }
        }
        case "member_expression" -> {
          if (isHeaders(n.child("object"), req)) {
            JsNode prop = n.child("property");
            if (prop != null) add(out, prop.text(), n.span());
          }
        }
        case "variable_declarator" -> {
          JsNode name = n.child("name");
          JsNode value = n.child("value");
          if (name != null && value != null && name.is("object_pattern") && isHeaders(value, req)) {
            for (JsNode c : name.children()) {
              if (c.is("shorthand_property_identifier_pattern")) add(out, c.text(), n.span());
              else if (c.is("pair_pattern") && c.child("key") != null) {
                JsNode key = c.child("key");
                add(out, key.is("string") ? JsStrings.decode(key) : key.text(), n.span());
              }
            }
          }
        }
        default -> {}
      }
      for (JsNode c : n.children()) if (c.named()) work.push(c);
    }
    out.sort((a, b) -> a.span().compareTo(b.span()));
    return out;
  }

  private static void add(List<Read> out, String name, SourceSpan span) {
    if (!worthReporting(name)) return;
    for (Read r : out) if (r.name().equalsIgnoreCase(name)) return;
    out.add(new Read(name, span));
  }

  private static boolean isNamed(JsNode n, String name) {
    return n != null && n.is("identifier") && n.text().equals(name);
  }

  private static boolean isHeaders(JsNode n, String req) {
    if (n == null || !n.is("member_expression")) return false;
    JsNode prop = n.child("property");
    return prop != null && prop.text().equals("headers") && isNamed(n.child("object"), req);
  }
}
