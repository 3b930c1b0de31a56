package dev.corslint.live;

import dev.corslint.live.NginxSyntax.Directive;
import dev.corslint.live.NginxSyntax.SyntaxError;
import dev.corslint.live.NginxSyntax.Word;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Turns a fixture configuration into one that runs on loopback inside a private prefix, changing nothing
 * that decides CORS answers: every {@code listen} becomes {@code 127.0.0.1:<free port>} (servers that
 * shared a port still share one, so name-based selection is unchanged), every proxied target becomes the
 * stub upstream, TLS is dropped, every path nginx writes (pid, logs, temp, cache) or serves from (root,
 * alias) moves into the prefix, and every password file becomes an empty one there. Includes are inlined,
 * so the result is one self-contained file, and a server-only file (a {@code conf.d/} or
 * {@code sites-available/} file) is wrapped in {@code events {} http {}}. Each server keeps its source
 * position, so that a policy's scope can be mapped to the server and port that answer it.
 */
public final class LoopbackRewrite {

  /** Debian's stock files, which projects include by name without shipping them. */
  static final Set<String> STOCK_FILES =
      Set.of(
          "mime.types",
          "proxy_params",
          "fastcgi_params",
          "fastcgi.conf",
          "scgi_params",
          "uwsgi_params",
          "koi-utf",
          "koi-win",
          "win-utf",
          "snippets/fastcgi-php.conf");

  static final Path SYSTEM_CONF = Path.of("/etc/nginx");

  /** Blocks whose contents are data, not directives: nothing inside is rewritten. */
  private static final Set<String> DATA_BLOCKS = Set.of("map", "types", "geo", "split_clients", "charset_map", "match");

  private static final Set<String> PROCESS_DIRECTIVES =
      Set.of("user", "pid", "daemon", "master_process", "worker_processes", "lock_file", "working_directory");

  private static final Set<String> TEMP_PATHS =
      Set.of("client_body_temp_path", "proxy_temp_path", "fastcgi_temp_path", "uwsgi_temp_path", "scgi_temp_path");

  private static final Set<String> CACHE_PATHS =
      Set.of("proxy_cache_path", "fastcgi_cache_path", "uwsgi_cache_path", "scgi_cache_path");

  private static final Set<String> OTHER_PASSES = Set.of("fastcgi_pass", "uwsgi_pass", "scgi_pass", "grpc_pass");

  /** {@code ssl_certificate}, {@code proxy_ssl_verify}, {@code ssl}, {@code http2}, {@code quic}...: TLS is not run. */
  private static final Pattern TLS_DIRECTIVE = Pattern.compile("(^|.*_)ssl(_.*|$)|http2|http3|quic");

  private static final Set<String> KEPT_UPSTREAM_SERVER_FLAGS = Set.of("backup", "down");

  private static final Pattern KEPT_UPSTREAM_SERVER_PARAMS = Pattern.compile("(weight|max_fails|fail_timeout|max_conns)=.*");

  private static final Pattern PROXY_URL = Pattern.compile("(?i)(https?|grpcs?)://(.*)");

  /** One original {@code listen} and the loopback port that replaced it. */
  record Listen(String original, int port, boolean defaultServer) {}

  /**
   * A {@code server} block of the fixture.
   *
   * @param file where it is written, relative to the fixture root ({@code stock:...} for a system file)
   * @param names its {@code server_name} values
   * @param listens each original {@code listen} (or the implicit {@code *:80}) with its loopback port
   * @param defaultForPort whether nginx gives it the requests whose Host no server names, on its first port
   */
  public record Server(
      String file, int line, int endLine, List<String> names, List<Listen> listens, boolean defaultForPort) {

    public boolean encloses(String otherFile, int otherLine) {
      return file.equals(otherFile) && otherLine >= line && otherLine <= endLine;
    }

    /** The port to probe: the one that replaced the first {@code listen}. */
    public int port() {
      return listens.get(0).port();
    }

    /**
     * A {@code Host} header that makes nginx choose this server: an exact name, else a name that its first
     * wildcard or regex name accepts, else any unnamed host when it is the port's default server; null when
     * no request can be sent to it by name.
     */
    public String requestHost() {
      String derived = null;
      for (String n : names) {
        if (n.isEmpty() || n.equals("_")) continue;
        String candidate;
        if (n.startsWith("~")) candidate = ServerNames.exampleForRegex(n.substring(1));
        else if (n.startsWith("*.")) candidate = "app" + n.substring(1);
        else if (n.startsWith(".")) candidate = n.substring(1);
        else if (n.endsWith(".*")) candidate = n.substring(0, n.length() - 1) + "com";
        else return n;
        if (derived == null) derived = candidate;
      }
      if (derived != null) return derived;
      return defaultForPort ? "unnamed.corslint.invalid" : null;
    }

    public String describe() {
      return "server " + (names.isEmpty() ? "(no name)" : String.join(" ", names)) + " at " + file + ":" + line;
    }
  }

  /** The rewritten configuration and what the harness needs to know about it. */
  record Result(
      String config,
      List<Server> servers,
      List<Path> rootDirs,
      List<Path> aliasDirs,
      List<String> errorPages,
      boolean usesHeadersMore) {

    /** Every loopback port nginx listens on. */
    Set<Integer> ports() {
      Set<Integer> out = new LinkedHashSet<>();
      for (Server s : servers) for (Listen l : s.listens()) out.add(l.port());
      return out;
    }
  }

  /** A fixture that cannot be turned into a runnable loopback configuration. */
  static final class NotRunnable extends Exception {
    NotRunnable(String message) {
      super(message);
    }
  }

  private final Path fixtureRoot;
  private final Path prefix;
  private final int upstreamPort;
  private final IntSupplier freePort;
  private final Path modulesDir;

  private final Map<String, Integer> portByOriginal = new LinkedHashMap<>();
  private final List<Server> servers = new ArrayList<>();
  private final Map<String, Path> rootByOriginal = new LinkedHashMap<>();
  private final Map<String, Path> aliasByOriginal = new LinkedHashMap<>();
  private final Set<String> upstreamNames = new HashSet<>();
  private final Set<String> modules = new LinkedHashSet<>();
  private final Set<String> errorPages = new LinkedHashSet<>();
  private Path confPrefix;
  private int cacheDirs;

  /**
   * @param fixtureRoot the copy of the fixture folder inside the prefix; include paths and source positions
   *     are relative to it
   * @param prefix the nginx prefix: logs, temp, served files go below it
   * @param upstreamPort the stub upstream every proxied location is sent to
   * @param freePort hands out unused loopback ports
   * @param modulesDir where this nginx's dynamic modules are installed
   */
  LoopbackRewrite(Path fixtureRoot, Path prefix, int upstreamPort, IntSupplier freePort, Path modulesDir) {
    this.fixtureRoot = fixtureRoot.toAbsolutePath().normalize();
    this.prefix = prefix.toAbsolutePath().normalize();
    this.upstreamPort = upstreamPort;
    this.freePort = freePort;
    this.modulesDir = modulesDir;
  }

  Result rewrite(String entryRelative) throws IOException, SyntaxError, NotRunnable {
    Path entry = fixtureRoot.resolve(entryRelative).normalize();
    List<Directive> top = NginxSyntax.parse(Files.readString(entry, StandardCharsets.UTF_8), entryRelative);
    boolean complete = top.stream().anyMatch(d -> d.name().equals("http") && d.hasBlock());
    confPrefix = confPrefixOf(entry, complete);

    List<Directive> flat = inline(top, 0);
    collectUpstreamNames(flat);
    boolean headersMore = usesHeadersMore(flat);
    if (headersMore) modules.add("ngx_http_headers_more_filter_module.so");

    List<Directive> main = new ArrayList<>();
    main.add(Directive.simple("worker_processes", "1"));
    main.add(Directive.simple("pid", prefix.resolve("logs/nginx.pid").toString()));
    main.add(Directive.simple("error_log", prefix.resolve("logs/error.log").toString(), "notice"));
    List<Directive> body;
    if (complete) {
      body = rewriteBlock(flat, "main");
      if (body.stream().noneMatch(d -> d.name().equals("events"))) body.add(0, eventsBlock());
      body.replaceAll(d -> d.name().equals("http") ? d.withBlock(concat(tempPaths(), d.block())) : d);
    } else {
      List<Directive> http = new ArrayList<>(tempPaths());
      http.add(Directive.simple("access_log", prefix.resolve("logs/access.log").toString()));
      http.addAll(rewriteBlock(flat, "http"));
      body = List.of(eventsBlock(), Directive.block("http", List.of(), http));
    }
    // load_module must precede everything else; the fixture's own are collected by rewriteBlock
    for (String module : modules) {
      Path installed = modulesDir.resolve(module);
      main.add(Directive.simple("load_module", Files.isRegularFile(installed) ? installed.toString() : module));
    }
    main.addAll(body);
    markDefaultServers();
    List<Path> roots = new ArrayList<>(rootByOriginal.values());
    roots.add(prefix.resolve("html")); // nginx's default root, relative to the prefix
    return new Result(
        NginxSyntax.print(main),
        List.copyOf(servers),
        List.copyOf(roots),
        List.copyOf(aliasByOriginal.values()),
        List.copyOf(errorPages),
        headersMore);
  }

  /**
   * Relative includes resolve against the directory of the main configuration file. For a complete
   * {@code nginx.conf} that is its own directory; a server-only file stands for a file that a main
   * configuration includes, from its own directory or, in the Debian layout, from the parent of
   * {@code conf.d/}, {@code sites-available/} or {@code sites-enabled/}.
   */
  private Path confPrefixOf(Path entry, boolean complete) {
    Path dir = entry.getParent();
    if (!complete && !dir.equals(fixtureRoot)) {
      String name = dir.getFileName().toString();
      if (name.equals("conf.d") || name.equals("sites-available") || name.equals("sites-enabled")) {
        dir = dir.getParent();
      }
    }
    return dir;
  }

  private List<Directive> inline(List<Directive> directives, int depth) throws IOException, SyntaxError, NotRunnable {
    if (depth > 16) throw new NotRunnable("includes nested more than 16 deep (a loop?)");
    List<Directive> out = new ArrayList<>();
    for (Directive d : directives) {
      if (d.name().equals("include") && !d.hasBlock() && d.args().size() == 1) {
        for (Path file : resolveInclude(d)) {
          String label =
              file.startsWith(fixtureRoot)
                  ? fixtureRoot.relativize(file).toString().replace('\\', '/')
                  : "stock:" + file;
          List<Directive> included = NginxSyntax.parse(Files.readString(file, StandardCharsets.UTF_8), label);
          out.addAll(inline(included, depth + 1));
        }
      } else if (d.hasBlock()) {
        out.add(d.withBlock(inline(d.block(), depth)));
      } else {
        out.add(d);
      }
    }
    return out;
  }

  private List<Path> resolveInclude(Directive include) throws IOException, NotRunnable {
    String spec = include.args().get(0);
    String at = include.file() + ":" + include.line();
    // the system's enabled modules are not the fixture's business; the harness loads what it uses
    if (spec.contains("modules-enabled/")) return List.of();
    String relative;
    if (spec.startsWith("/")) {
      if (!spec.startsWith(SYSTEM_CONF + "/")) {
        throw new NotRunnable(at + ": include of '" + spec + "' outside /etc/nginx cannot be reproduced");
      }
      relative = spec.substring(SYSTEM_CONF.toString().length() + 1);
    } else {
      relative = spec;
    }
    boolean glob = relative.chars().anyMatch(c -> c == '*' || c == '?' || c == '[');
    List<Path> matches = new ArrayList<>();
    if (glob) {
      PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + confPrefix.resolve(relative).normalize());
      try (Stream<Path> walk = Files.walk(fixtureRoot)) {
        walk.filter(Files::isRegularFile)
            .filter(p -> !p.getFileName().toString().startsWith("."))
            .filter(m::matches)
            .sorted()
            .forEach(matches::add);
      }
      return matches; // like nginx, a pattern that matches nothing is fine
    }
    Path inFixture = confPrefix.resolve(relative).normalize();
    if (inFixture.startsWith(fixtureRoot) && Files.isRegularFile(inFixture)) return List.of(inFixture);
    Path stock = SYSTEM_CONF.resolve(relative).normalize();
    if (STOCK_FILES.contains(relative) && Files.isRegularFile(stock)) return List.of(stock);
    throw new NotRunnable(at + ": include '" + spec + "' is neither in the fixture nor a stock nginx file");
  }

  private void collectUpstreamNames(List<Directive> directives) {
    for (Directive d : directives) {
      if (d.name().equals("upstream") && d.hasBlock() && !d.args().isEmpty()) upstreamNames.add(d.args().get(0));
      if (d.hasBlock()) collectUpstreamNames(d.block());
    }
  }

  private static boolean usesHeadersMore(List<Directive> directives) {
    for (Directive d : directives) {
      if (d.name().startsWith("more_set_") || d.name().startsWith("more_clear_")) return true;
      if (d.hasBlock() && usesHeadersMore(d.block())) return true;
    }
    return false;
  }

  private List<Directive> rewriteBlock(List<Directive> directives, String context) throws NotRunnable {
    List<Directive> out = new ArrayList<>();
    if (DATA_BLOCKS.contains(context)) {
      out.addAll(directives);
      return out;
    }
    for (Directive d : directives) {
      String name = d.name();
      if (TLS_DIRECTIVE.matcher(name).matches() && !d.hasBlock()) continue;
      if (name.equals("error_log") || TEMP_PATHS.contains(name)) continue;
      if (context.equals("main")) {
        if (PROCESS_DIRECTIVES.contains(name)) continue;
        if (name.equals("load_module")) {
          modules.add(Path.of(d.args().get(0)).getFileName().toString());
          continue;
        }
        if (name.equals("stream") || name.equals("mail")) continue; // not HTTP: nothing to probe
      }
      if (context.equals("server") && name.equals("listen")) continue; // replaced in rewriteServer
      if (context.equals("upstream") && name.equals("server")) {
        out.add(upstreamServer(d));
      } else if (context.equals("http") && name.equals("server") && d.hasBlock()) {
        out.add(rewriteServer(d));
      } else if (name.equals("access_log") && !d.args().isEmpty() && !d.args().get(0).equals("off")) {
        out.add(replaceArg(d, 0, prefix.resolve("logs/access.log").toString()));
      } else if (CACHE_PATHS.contains(name) && !d.args().isEmpty()) {
        Path dir = prefix.resolve("cache/" + cacheDirs++);
        out.add(replaceArg(d, 0, dir.toString()));
      } else if (name.equals("auth_basic_user_file") && d.args().size() == 1) {
        out.add(replaceArg(d, 0, prefix.resolve("conf/htpasswd").toString()));
      } else if (name.equals("root") && d.args().size() == 1) {
        Path dir = rootByOriginal.computeIfAbsent(d.args().get(0), k -> prefix.resolve("www/root" + rootByOriginal.size()));
        out.add(replaceArg(d, 0, dir.toString()));
      } else if (name.equals("alias") && d.args().size() == 1) {
        String original = d.args().get(0);
        Path dir = aliasByOriginal.computeIfAbsent(original, k -> prefix.resolve("www/alias" + aliasByOriginal.size()));
        out.add(replaceArg(d, 0, dir + (original.endsWith("/") ? "/" : "")));
      } else if (name.equals("proxy_pass") && d.args().size() == 1) {
        out.add(replaceArg(d, 0, proxyTarget(d.args().get(0))));
      } else if (OTHER_PASSES.contains(name) && d.args().size() == 1) {
        // the stub speaks HTTP only; the CORS headers come from nginx either way
        Directive proxy = d.withWords(List.of(Word.of("proxy_pass"), d.words().get(1)));
        out.add(replaceArg(proxy, 0, proxyTarget("http://" + stripScheme(d.args().get(0)))));
      } else if (d.hasBlock()) {
        out.add(d.withBlock(rewriteBlock(d.block(), name)));
      } else {
        if (name.equals("error_page") && !d.args().isEmpty()) {
          String uri = d.args().get(d.args().size() - 1);
          if (uri.startsWith("/") && !uri.contains("$")) errorPages.add(uri);
        }
        out.add(d);
      }
    }
    return out;
  }

  private Directive rewriteServer(Directive server) throws NotRunnable {
    List<String> names = new ArrayList<>();
    List<Listen> listens = new ArrayList<>();
    Map<Integer, Boolean> defaultByPort = new LinkedHashMap<>();
    for (Directive d : server.block()) {
      if (d.name().equals("server_name")) names.addAll(d.args());
      if (d.name().equals("listen") && !d.args().isEmpty()) {
        String original = String.join(" ", d.args());
        int port = portByOriginal.computeIfAbsent(portKey(d.args().get(0)), k -> freePort.getAsInt());
        boolean isDefault = d.args().contains("default_server") || d.args().contains("default");
        listens.add(new Listen(original, port, isDefault));
        defaultByPort.merge(port, isDefault, Boolean::logicalOr);
      }
    }
    if (listens.isEmpty()) {
      // a server without listen is on *:80
      int port = portByOriginal.computeIfAbsent("80", k -> freePort.getAsInt());
      listens.add(new Listen("(none: *:80)", port, false));
      defaultByPort.put(port, false);
    }
    List<Directive> block = new ArrayList<>();
    // default_server is kept: it decides which server answers a Host that no server_name matches
    defaultByPort.forEach(
        (port, isDefault) ->
            block.add(
                isDefault
                    ? Directive.simple("listen", "127.0.0.1:" + port, "default_server")
                    : Directive.simple("listen", "127.0.0.1:" + port)));
    block.addAll(rewriteBlock(server.block(), "server"));
    servers.add(
        new Server(server.file(), server.line(), server.endLine(), List.copyOf(names), List.copyOf(listens), false));
    return server.withBlock(block);
  }

  /** On each port the server marked default_server, else the first one, answers unknown hosts. */
  private void markDefaultServers() {
    Map<Integer, Server> byPort = new LinkedHashMap<>();
    for (Server s : servers) {
      for (Listen l : s.listens()) {
        Server current = byPort.get(l.port());
        boolean currentMarked =
            current != null && current.listens().stream().anyMatch(x -> x.port() == l.port() && x.defaultServer());
        if (current == null || (l.defaultServer() && !currentMarked)) byPort.put(l.port(), s);
      }
    }
    servers.replaceAll(
        s -> new Server(s.file(), s.line(), s.endLine(), s.names(), s.listens(), byPort.get(s.port()) == s));
  }

  /** Servers that shared a port must share the new one; the address does not matter on loopback. */
  static String portKey(String address) {
    if (address.startsWith("unix:")) return address;
    String s = address;
    if (s.startsWith("[")) {
      int close = s.indexOf(']');
      String rest = close < 0 ? "" : s.substring(close + 1);
      return rest.startsWith(":") ? rest.substring(1) : "80";
    }
    if (s.matches("\\d+")) return s;
    int colon = s.lastIndexOf(':');
    return colon >= 0 ? s.substring(colon + 1) : "80";
  }

  private Directive upstreamServer(Directive d) {
    List<Word> words = new ArrayList<>();
    words.add(d.words().get(0));
    words.add(Word.of("127.0.0.1:" + upstreamPort));
    for (Word w : d.words().subList(Math.min(2, d.words().size()), d.words().size())) {
      if (KEPT_UPSTREAM_SERVER_FLAGS.contains(w.value()) || KEPT_UPSTREAM_SERVER_PARAMS.matcher(w.value()).matches()) {
        words.add(w);
      }
    }
    return d.withWords(words);
  }

  /** The same target URI on the stub; an upstream name stays, since its servers are the stub already. */
  String proxyTarget(String url) {
    Matcher m = PROXY_URL.matcher(url);
    String rest = m.matches() ? m.group(2) : url;
    String uri;
    String host;
    if (rest.startsWith("unix:")) {
      int colon = rest.indexOf(':', "unix:".length());
      host = colon < 0 ? rest : rest.substring(0, colon);
      uri = colon < 0 ? "" : rest.substring(colon + 1);
    } else {
      int slash = rest.indexOf('/');
      host = slash < 0 ? rest : rest.substring(0, slash);
      uri = slash < 0 ? "" : rest.substring(slash);
    }
    if (upstreamNames.contains(host)) return "http://" + host + uri;
    return "http://127.0.0.1:" + upstreamPort + uri;
  }

  private static String stripScheme(String target) {
    int i = target.indexOf("://");
    return i < 0 ? target : target.substring(i + 3);
  }

  private static Directive replaceArg(Directive d, int argIndex, String value) {
    List<Word> words = new ArrayList<>(d.words());
    words.set(argIndex + 1, Word.of(value));
    return d.withWords(words);
  }

  private List<Directive> tempPaths() {
    List<Directive> out = new ArrayList<>();
    for (String t : TEMP_PATHS.stream().sorted().toList()) {
      out.add(Directive.simple(t, prefix.resolve("temp/" + t.replace("_temp_path", "")).toString()));
    }
    return out;
  }

  private static Directive eventsBlock() {
    return Directive.block("events", List.of(), List.of(Directive.simple("worker_connections", "256")));
  }

  private static List<Directive> concat(List<Directive> a, List<Directive> b) {
    List<Directive> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }}
