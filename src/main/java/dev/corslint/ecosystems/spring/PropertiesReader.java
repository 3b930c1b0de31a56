package dev.corslint.ecosystems.spring;

import dev.corslint.model.Listening;
import dev.corslint.model.Notice;
import dev.corslint.model.SourceSpan;
import dev.corslint.model.Value;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the configuration files say directly: the context path, TLS ({@code server.ssl.*}), actuator CORS
 * ({@code management.endpoints.web.cors.*}) and Spring Cloud Gateway's {@code globalcors} and routes (under
 * {@code spring.cloud.gateway.server.webflux} or the older {@code spring.cloud.gateway}).
 */
final class PropertiesReader {

  static final List<String> GATEWAY_PREFIXES = List.of("spring.cloud.gateway.server.webflux", "spring.cloud.gateway");

  private final SpringProperties props;
  private final List<Notice> notices;

  PropertiesReader(SpringProperties props, List<Notice> notices) {
    this.props = props;
    this.notices = notices;
  }

  String contextPath(boolean reactive) {
    Optional<Entry> e = reactive ? props.scalar("spring.webflux.base-path") : props.scalar("server.servlet.context-path");
    String p = e.map(Entry::text).orElse("").strip();
    if (p.isEmpty() || p.equals("/")) return "";
    if (!p.startsWith("/")) p = "/" + p;
    return p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
  }

  /**
   * Whether the application itself serves https: {@code server.ssl.enabled}, a key store, certificate or SSL
   * bundle; plain http when {@code server.ssl.enabled=false} or it listens on port 80. Unknown otherwise (a proxy
   * usually terminates TLS).
   */
  Value<Boolean> tls() {
    Optional<Entry> enabled = props.scalar("server.ssl.enabled");
    if (enabled.isPresent() && enabled.get().text().strip().equalsIgnoreCase("false")) return Value.known(false, enabled.get().span());
    for (String key : List.of("server.ssl.key-store", "server.ssl.certificate", "server.ssl.bundle", "server.ssl.enabled")) {
      Optional<Entry> e = props.scalar(key);
      if (e.isPresent() && !e.get().text().isBlank() && !e.get().text().strip().equalsIgnoreCase("false")) {
        return Value.known(true, e.get().span());
      }
    }
    Optional<Entry> port = props.scalar("server.port");
    if (port.isPresent() && port.get().text().strip().equals("80")) return Value.known(false, port.get().span());
    return Value.absent();
  }

  /**
   * The port from {@code server.port}: a number, or the default of a {@code ${PORT:8081}} placeholder (which
   * applies when the environment does not set it). Null when the configuration does not say, and the default
   * 8080 applies.
   */
  Listening port() {
    Optional<Entry> port = props.scalar("server.port");
    if (port.isEmpty()) return null;
    String text = port.get().text().strip();
    java.util.regex.Matcher placeholder = java.util.regex.Pattern.compile("\\$\\{[^:}]+:(\\d{1,5})}").matcher(text);
    if (placeholder.matches()) return new Listening(Integer.parseInt(placeholder.group(1)), true, port.get().span());
    if (!text.matches("\\d{1,5}")) return null;
    int p = Integer.parseInt(text);
    return p < 1 || p > 65535 ? null : new Listening(p, false, port.get().span());
  }

  /**
   * The host name the application serves, when the configuration names one: {@code server.address} set to a DNS
   * name rather than an IP address or a wildcard.
   */
  Value<String> host() {
    Optional<Entry> address = props.scalar("server.address");
    if (address.isEmpty()) return Value.absent();
    String a = address.get().text().strip();
    boolean name = a.matches("(?i)[a-z0-9-]+(\\.[a-z0-9-]+)+") && a.matches(".*[a-zA-Z].*") && !a.contains(":");
    return name ? Value.known(a.toLowerCase(Locale.ROOT), address.get().span()) : Value.absent();
  }

  /** Actuator endpoints with their CORS configuration, when any is configured. */
  SpringApp.Actuator actuator() {
    String prefix = "management.endpoints.web.cors";
    Optional<List<Entry>> origins = props.list(prefix + ".allowed-origins");
    Optional<List<Entry>> patterns = props.list(prefix + ".allowed-origin-patterns");
    if (origins.map(List::isEmpty).orElse(true) && patterns.map(List::isEmpty).orElse(true)) return null;
    SourceSpan at = origins.filter(l -> !l.isEmpty()).map(l -> l.get(0).span())
        .orElseGet(() -> patterns.get().get(0).span());
    CorsSettings s = new CorsSettings(CorsSettings.Kind.ACTUATOR, at, "management.endpoints.web.cors");
    origins.ifPresent(l -> s.setOrigins(l, at, null));
    patterns.ifPresent(l -> s.setOriginPatterns(l, at, null));
    readList(prefix + ".allowed-methods", s::setMethods);
    readList(prefix + ".allowed-headers", s::setHeaders);
    readList(prefix + ".exposed-headers", s::setExposed);
    props.scalar(prefix + ".allow-credentials").ifPresent(e -> s.credentials = bool(e));
    Optional<Entry> maxAge = props.scalar(prefix + ".max-age");
    s.maxAge = maxAge.map(PropertiesReader::duration).orElse(Value.known(1800L, at));
    String base = props.scalar("management.endpoints.web.base-path").map(Entry::text).orElse("/actuator").strip();
    if (!base.startsWith("/")) base = "/" + base;
    return new SpringApp.Actuator(PathPattern.of(PathPattern.join(base, "/**")), s, at);
  }

  private interface ListSetter {
    void apply(List<Entry> values, SourceSpan at, String unknown);
  }

  private void readList(String key, ListSetter setter) {
    Optional<List<Entry>> v = props.list(key);
    if (v.isPresent() && !v.get().isEmpty()) setter.apply(v.get(), v.get().get(0).span(), null);
  }

  private static Value<Boolean> bool(Entry e) {
    String t = e.text().strip().toLowerCase(Locale.ROOT);
    if (t.equals("true") || t.equals("false")) return Value.known(Boolean.parseBoolean(t), e.span());
    return Value.unknown("'" + e.text() + "' is not a boolean known statically", e.span());
  }

  /** A Spring Boot duration: plain seconds for CORS max age, or {@code 30m}, {@code 1h}, {@code PT1H}. */
  static Value<Long> duration(Entry e) {
    String t = e.text().strip();
    Optional<Long> plain = ValueEvaluator.parseLong(t);
    if (plain.isPresent()) return Value.known(plain.get(), e.span());
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)").matcher(t);
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      long s = switch (m.group(2)) {
        case "ms" -> n / 1000;
        case "s" -> n;
        case "m" -> n * 60;
        case "h" -> n * 3600;
        default -> n * 86400;
      };
      return Value.known(s, e.span());
    }
    try {
      return Value.known(java.time.Duration.parse(t).getSeconds(), e.span());
    } catch (RuntimeException ex) {
      return Value.unknown("'" + t + "' is not a duration known statically", e.span());
    }
  }

  // ---- Spring Cloud Gateway ----

  /** Whether the configuration sets up Spring Cloud Gateway routes or CORS. */
  boolean hasGateway() {
    for (String p : GATEWAY_PREFIXES) {
      if (props.hasPrefix(p + ".globalcors") || props.hasPrefix(p + ".routes")) return true;
    }
    return false;
  }

  Gateway gateway() {
    Gateway g = new Gateway();
    for (String prefix : GATEWAY_PREFIXES) {
      String cors = prefix + ".globalcors";
      props.scalar(cors + ".add-to-simple-url-handler-mapping")
          .ifPresent(e -> g.addToSimpleUrlHandlerMapping |= e.text().strip().equalsIgnoreCase("true"));
      String configs = cors + ".cors-configurations";
      for (String key : props.children(configs)) {
        String pattern = ConfigDocument.unbracket(key);
        String base = configs + "." + key;
        Map<String, Entry> below = props.below(base);
        SourceSpan at = below.values().stream().findFirst().map(Entry::span).orElse(null);
        if (at == null) continue;
        CorsSettings s = new CorsSettings(CorsSettings.Kind.GATEWAY, at, "Gateway globalcors " + pattern);
        props.list(base + ".allowed-origins").ifPresent(l -> s.setOrigins(l, l.isEmpty() ? at : l.get(0).span(), null));
        props.list(base + ".allowed-origin-patterns").ifPresent(l -> s.setOriginPatterns(l, l.isEmpty() ? at : l.get(0).span(), null));
        props.list(base + ".allowed-methods").ifPresent(l -> s.setMethods(l, l.isEmpty() ? at : l.get(0).span(), null));
        props.list(base + ".allowed-headers").ifPresent(l -> s.setHeaders(l, l.isEmpty() ? at : l.get(0).span(), null));
        props.list(base + ".exposed-headers").ifPresent(l -> s.setExposed(l, l.isEmpty() ? at : l.get(0).span(), null));
        props.scalar(base + ".allow-credentials").ifPresent(e -> s.credentials = bool(e));
        props.scalar(base + ".allow-private-network").ifPresent(e -> s.privateNetwork = bool(e));
        props.scalar(base + ".max-age").ifPresent(e -> s.maxAge = duration(e));
        g.global.add(new CorsSource.Registration(PathPattern.of(pattern), s, at));
      }
      String routes = prefix + ".routes";
      for (String idx : props.children(routes)) {
        String base = routes + "." + idx;
        String id = props.scalar(base + ".id").map(Entry::text).orElse(idx);
        String uri = props.scalar(base + ".uri").map(Entry::text).orElse("");
        SourceSpan at = props.scalar(base + ".id").or(() -> props.scalar(base + ".uri")).map(Entry::span).orElse(null);
        List<PathPattern> paths = new ArrayList<>();
        Set<String> methods = new LinkedHashSet<>();
        for (String p : props.children(base + ".predicates")) {
          String pb = base + ".predicates." + p;
          Optional<Entry> shortcut = props.scalar(pb);
          if (shortcut.isPresent()) {
            predicate(shortcut.get().text(), paths, methods);
          } else {
            String name = props.scalar(pb + ".name").map(Entry::text).orElse("");
            List<String> args = new ArrayList<>();
            props.below(pb + ".args").values().forEach(e -> args.add(e.text()));
            predicate(name + "=" + String.join(",", args), paths, methods);
          }
        }
        g.routes.add(new Gateway.Route(id, paths, methods, uri, at));
      }
    }
    if (g.routes.isEmpty() && props.scalar("spring.cloud.gateway.discovery.locator.enabled").map(e -> e.text().strip().equals("true")).orElse(false)) {
      g.routes.add(new Gateway.Route("discovery", List.of(), Set.of(), "lb://*", null));
    }
    return g;
  }

  private static void predicate(String text, List<PathPattern> paths, Set<String> methods) {
    int eq = text.indexOf('=');
    if (eq < 0) return;
    String name = text.substring(0, eq).strip();
    String[] args = text.substring(eq + 1).split(",");
    if (name.equals("Path")) {
      for (String a : args) if (a.strip().startsWith("/")) paths.add(PathPattern.of(a.strip()));
    } else if (name.equals("Method")) {
      for (String a : args) if (!a.isBlank()) methods.add(a.strip().toUpperCase(Locale.ROOT));
    }
  }
}
