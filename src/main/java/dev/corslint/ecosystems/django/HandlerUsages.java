package dev.corslint.ecosystems.django;

import dev.corslint.ecosystems.django.python.Evaluator;
import dev.corslint.ecosystems.django.python.PyNode;
import dev.corslint.ecosystems.django.python.PythonModule;
import dev.corslint.model.Keywords;
import dev.corslint.model.Usage;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What Python request handlers rely on that a CORS answer must allow: request headers they read
 * ({@code request.headers[...]}, {@code request.headers.get(...)}, {@code request.META['HTTP_...']}, FastAPI
 * {@code Header()} parameters, token authentication) and methods they handle beyond GET, HEAD and POST
 * (Django REST Framework viewsets and generic views, {@code put}/{@code patch}/{@code delete} handlers,
 * Flask and FastAPI route decorators).
 */
public final class HandlerUsages {

  /** Text that a file must contain to be worth walking. */
  public static final Keywords MARKERS = Keywords.of(
      "headers", "META", "Header(", "ViewSet", "APIView", "def put", "def patch", "def delete", "def update",
      "def destroy", "api_view", "require_http_methods", ".put(", ".patch(", ".delete(", "methods=", "Authentication");

  /** Headers a browser or a proxy sets, never front-end code: reading them says nothing about CORS. */
  private static final Set<String> NOT_FROM_SCRIPTS = Set.of(
      "accept", "accept-language", "content-language", "content-type", "content-length", "origin", "host", "cookie",
      "user-agent", "referer", "connection", "accept-encoding", "dnt", "forwarded", "via", "x-forwarded-for",
      "x-forwarded-proto", "x-forwarded-host", "x-forwarded-port", "x-forwarded-prefix", "x-forwarded-ssl", "x-real-ip",
      "cf-connecting-ip", "cf-ipcountry", "cf-ray", "true-client-ip", "x-amzn-trace-id", "x-request-start",
      "if-none-match", "if-modified-since", "if-match", "if-unmodified-since", "range", "te", "upgrade", "pragma",
      "cache-control", "access-control-request-method", "access-control-request-headers", "x-original-forwarded-for");

  private static final Set<String> SIMPLE_METHODS = Set.of("GET", "HEAD", "POST", "OPTIONS");
  private static final Pattern TOKEN_AUTH = Pattern.compile(
      "\\b(TokenAuthentication|JWTAuthentication|JSONWebTokenAuthentication|JWTStatelessUserAuthentication|OAuth2Authentication|BasicAuthentication|KnoxTokenAuthentication|JWTTokenUserAuthentication)\\b");

  private static final Map<String, List<String>> DRF_BASES = new LinkedHashMap<>();

  static {
    DRF_BASES.put("ModelViewSet", List.of("PUT", "PATCH", "DELETE"));
    DRF_BASES.put("UpdateModelMixin", List.of("PUT", "PATCH"));
    DRF_BASES.put("DestroyModelMixin", List.of("DELETE"));
    DRF_BASES.put("RetrieveUpdateDestroyAPIView", List.of("PUT", "PATCH", "DELETE"));
    DRF_BASES.put("RetrieveUpdateAPIView", List.of("PUT", "PATCH"));
    DRF_BASES.put("RetrieveDestroyAPIView", List.of("DELETE"));
    DRF_BASES.put("UpdateAPIView", List.of("PUT", "PATCH"));
    DRF_BASES.put("DestroyAPIView", List.of("DELETE"));
  }

  private HandlerUsages() {}

  public static boolean worthReading(String text) {
    return MARKERS.foundIn(text);
  }

  /** Every usage in {@code m}, in source order. */
  public static List<Usage> collect(PythonModule m) {
    List<Usage> out = new ArrayList<>();
    boolean fastapiHeader = m.source().contains("Header");
    Deque<PyNode> work = new ArrayDeque<>();
    work.push(m.root());
    while (!work.isEmpty()) {
      PyNode n = work.pop();
      switch (n.type()) {
        case "call" -> headerGet(n, out);
        case "subscript" -> headerSubscript(n, out);
        case "comparison_operator" -> headerMembership(n, out);
        case "decorator" -> decorator(n, out);
        case "class_definition" -> classMethods(n, out);
        case "default_parameter", "typed_default_parameter" -> {
          if (fastapiHeader) headerParameter(n, out);
        }
        case "assignment" -> authenticationClasses(n, out);
        default -> { }
      }
      List<PyNode> kids = n.children();
      for (int i = kids.size() - 1; i >= 0; i--) work.push(kids.get(i));
    }
    return out;
  }

  /** Keeps the first usage of each method or header name. */
  public static List<Usage> distinct(List<Usage> usages) {
    Map<String, Usage> out = new LinkedHashMap<>();
    for (Usage u : usages) out.putIfAbsent(u.kind() + ":" + u.name().toLowerCase(Locale.ROOT), u);
    return new ArrayList<>(out.values());
  }

  private static boolean isRequest(PyNode obj) {
    String t = obj.text();
    return t.equals("request") || t.equals("req") || t.endsWith(".request") || t.equals("flask.request");
  }

  /** {@code request.headers.get("X")}, {@code request.META.get("HTTP_X")}. */
  private static void headerGet(PyNode call, List<Usage> out) {
    PyNode fn = call.child("function");
    if (fn == null || !fn.is("attribute") || fn.child("attribute") == null || !fn.child("attribute").text().equals("get")) return;
    PyNode holder = fn.child("object");
    List<PyNode> args = Evaluator.positionalNodes(call);
    if (holder == null || args.isEmpty() || !args.get(0).is("string")) return;
    header(holder, literal(args.get(0)), call, out);
  }

  private static void headerSubscript(PyNode sub, List<Usage> out) {
    PyNode holder = sub.child("value");
    PyNode key = sub.child("subscript");
    if (holder == null || key == null || !key.is("string")) return;
    header(holder, literal(key), sub, out);
  }

  /** {@code "X-Api-Key" in request.headers}. */
  private static void headerMembership(PyNode cmp, List<Usage> out) {
    List<PyNode> operands = cmp.namedChildren();
    if (operands.size() != 2 || !cmp.hasToken("in") || !operands.get(0).is("string")) return;
    header(operands.get(1), literal(operands.get(0)), cmp, out);
  }

  private static void header(PyNode holder, String key, PyNode at, List<Usage> out) {
    if (!holder.is("attribute") || holder.child("attribute") == null || holder.child("object") == null) return;
    String attr = holder.child("attribute").text();
    if (!isRequest(holder.child("object")) || key == null || key.isBlank()) return;
    String name;
    if (attr.equals("headers")) {
      name = key;
    } else if (attr.equals("META") && key.startsWith("HTTP_")) {
      name = titleCase(key.substring(5).replace('_', '-'));
    } else {
      return;
    }
    addHeader(name, at, "the code reads " + name + " here", out);
  }

  /** FastAPI: {@code x_api_key: str = Header(...)} reads {@code x-api-key}, or the alias. */
  private static void headerParameter(PyNode param, List<Usage> out) {
    PyNode value = param.child("value");
    PyNode name = param.child("name");
    if (name == null) name = param.firstOfType("identifier");
    if (value == null || name == null || !value.is("call") || value.child("function") == null) return;
    String fn = value.child("function").text();
    if (!fn.equals("Header") && !fn.endsWith(".Header")) return;
    PyNode alias = Evaluator.keywordNodes(value).get("alias");
    String header = alias != null && alias.is("string") ? literal(alias) : name.text().replace('_', '-');
    PyNode convert = Evaluator.keywordNodes(value).get("convert_underscores");
    if (alias == null && convert != null && convert.is("false")) header = name.text();
    addHeader(header, param, "the handler takes the header " + header + " here", out);
  }

  /** DRF token authentication reads the Authorization header. */
  private static void authenticationClasses(PyNode assignment, List<Usage> out) {
    PyNode left = assignment.child("left");
    PyNode right = assignment.child("right");
    if (left == null || right == null) return;
    String l = left.text();
    if (!l.equals("authentication_classes") && !l.equals("REST_FRAMEWORK")) return;
    Matcher m = TOKEN_AUTH.matcher(right.text());
    if (!m.find()) return;
    PyNode at = right;
    for (PyNode d = right; d != null; ) {
      PyNode next = null;
      for (PyNode c : d.children()) {
        if (c.startByte() <= right.startByte() + m.start() && c.endByte() >= right.startByte() + m.end()) next = c;
      }
      if (next == null) break;
      at = next;
      d = next;
    }
    out.add(new Usage(Usage.Kind.REQUEST_HEADER, "Authorization", at.module().span(at),
        m.group(1) + " reads the Authorization header"));
  }

  private static void addHeader(String name, PyNode at, String description, List<Usage> out) {
    String lower = name.toLowerCase(Locale.ROOT);
    if (NOT_FROM_SCRIPTS.contains(lower) || lower.startsWith("sec-") || lower.startsWith("proxy-")) return;
    if (!lower.matches("[a-z0-9!#$%&'*+.^_`|~-]+")) return;
    out.add(new Usage(Usage.Kind.REQUEST_HEADER, name, at.module().lineSpan(at), description));
  }

  /** {@code @app.put("/x")}, {@code @router.delete(...)}, {@code @app.route(..., methods=[...])}, {@code @api_view([...])}. */
  private static void decorator(PyNode decorator, List<Usage> out) {
    List<PyNode> inner = decorator.namedChildren();
    if (inner.isEmpty() || !inner.get(0).is("call")) return;
    PyNode call = inner.get(0);
    PyNode fn = call.child("function");
    if (fn == null) return;
    String fnText = fn.text();
    String last = fnText.substring(fnText.lastIndexOf('.') + 1);
    List<String> methods = new ArrayList<>();
    PyNode listNode = null;
    if (fn.is("attribute") && Set.of("put", "patch", "delete").contains(last)) {
      methods.add(last.toUpperCase(Locale.ROOT));
    } else if (Set.of("route", "api_route", "add_url_rule", "action").contains(last)) {
      listNode = Evaluator.keywordNodes(call).get("methods");
    } else if (Set.of("api_view", "require_http_methods").contains(last)) {
      listNode = Evaluator.keywordNodes(call).get("http_method_names");
      if (listNode == null && !Evaluator.positionalNodes(call).isEmpty()) listNode = Evaluator.positionalNodes(call).get(0);
    }
    if (listNode != null) for (PyNode s : listNode.namedChildren()) if (s.is("string")) methods.add(literal(s).toUpperCase(Locale.ROOT));
    for (String m : methods) {
      if (SIMPLE_METHODS.contains(m) || m.isBlank()) continue;
      out.add(new Usage(Usage.Kind.METHOD, m, decorator.module().lineSpan(decorator), m + " is handled here (" + shorten(decorator.text()) + ")"));
    }
  }

  /** DRF viewsets and generic views, and views with put/patch/delete methods. */
  private static void classMethods(PyNode cls, List<Usage> out) {
    PyNode name = cls.child("name");
    PyNode supers = cls.child("superclasses");
    PyNode body = cls.child("body");
    if (name == null || supers == null || body == null) return;
    String bases = supers.text();
    List<String> methods = new ArrayList<>();
    for (Map.Entry<String, List<String>> e : DRF_BASES.entrySet()) {
      if (bases.matches("(?s).*\\b" + e.getKey() + "\\b.*")) {
        for (String m : e.getValue()) if (!methods.contains(m)) methods.add(m);
      }
    }
    boolean viewLike = bases.contains("View") || bases.contains("Resource") || bases.contains("Handler") || bases.contains("Endpoint");
    boolean viewSet = bases.contains("ViewSet");
    for (PyNode member : body.namedChildren()) {
      PyNode fn = member.is("decorated_definition") ? member.child("definition") : member;
      if (fn == null || !fn.is("function_definition") || fn.child("name") == null) continue;
      String m = switch (fn.child("name").text()) {
        case "put" -> viewLike ? "PUT" : null;
        case "patch" -> viewLike ? "PATCH" : null;
        case "delete" -> viewLike ? "DELETE" : null;
        case "update" -> viewSet ? "PUT" : null;
        case "partial_update" -> viewSet ? "PATCH" : null;
        case "destroy" -> viewSet ? "DELETE" : null;
        default -> null;
      };
      if (m != null && !methods.contains(m)) methods.add(m);
    }
    for (String m : methods) {
      out.add(new Usage(Usage.Kind.METHOD, m, cls.module().lineSpan(cls), m + " is handled by " + name.text()));
    }
  }

  private static String literal(PyNode string) {
    String t = string.text();
    int i = 0;
    while (i < t.length() && Character.isLetter(t.charAt(i))) i++;
    String rest = t.substring(i);
    if (rest.length() >= 2) return rest.substring(1, rest.length() - 1);
    return "";
  }

  private static String titleCase(String dashed) {
    StringBuilder sb = new StringBuilder();
    for (String part : dashed.toLowerCase(Locale.ROOT).split("-")) {
      if (sb.length() > 0) sb.append('-');
      if (!part.isEmpty()) sb.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
    }
    return sb.toString();
  }

  private static String shorten(String text) {
    String t = text.replaceAll("\\s+", " ").strip();
    return t.length() > 50 ? t.substring(0, 47) + "..." : t;
  }
}
