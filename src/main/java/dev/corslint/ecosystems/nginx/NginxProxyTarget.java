package dev.corslint.ecosystems.nginx;

import dev.corslint.model.Forwarding;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The target of a {@code proxy_pass}: host and port (or an {@code upstream} block's servers) and the URI part
 * that replaces the matched location prefix.
 *
 * @param target the argument as written
 * @param addresses where it leads; empty when the target is computed from variables or is a unix socket
 * @param uriPart the URI after host and port ({@code /} in {@code http://api:3000/}), or null when none is
 *     written, in which case nginx passes the request URI unchanged
 */
record NginxProxyTarget(String target, List<Forwarding.HostPort> addresses, String uriPart) {

  /** The proxy target of a handler, when it is {@code proxy_pass} to http or https. */
  static Optional<NginxProxyTarget> of(NginxLevel.Handler handler, NginxHttp http) {
    if (handler == null || !handler.upstream() || !handler.module().equals("proxy")
        || handler.directive().args().isEmpty()) {
      return Optional.empty();
    }
    String target = handler.directive().arg(0);
    String lower = target.toLowerCase(Locale.ROOT);
    int schemeEnd = lower.startsWith("http://") ? 7 : lower.startsWith("https://") ? 8 : -1;
    if (schemeEnd < 0) return Optional.empty();
    int defaultPort = schemeEnd == 7 ? 80 : 443;
    String rest = target.substring(schemeEnd);
    int slash = rest.indexOf('/');
    String authority = slash < 0 ? rest : rest.substring(0, slash);
    String uriPart = slash < 0 ? null : rest.substring(slash);
    if (target.contains("$") || authority.startsWith("unix:")) {
      // computed per request, or a socket: no address to link, and nginx passes the URI as computed
      return Optional.of(new NginxProxyTarget(target, List.of(), uriPart == null || uriPart.contains("$") ? null : uriPart));
    }
    List<Forwarding.HostPort> addresses = new ArrayList<>();
    Directive upstream = http.upstreams.get(authority);
    if (upstream != null) {
      for (Directive d : upstream.block()) {
        if (d.is("server") && !d.args().isEmpty()) address(d.arg(0), 80).ifPresent(addresses::add);
      }
    } else {
      address(authority, defaultPort).ifPresent(addresses::add);
    }
    return Optional.of(new NginxProxyTarget(target, addresses, uriPart));
  }

  private static Optional<Forwarding.HostPort> address(String hostPort, int defaultPort) {
    if (hostPort.isEmpty() || hostPort.startsWith("unix:")) return Optional.empty();
    String host = hostPort;
    int port = defaultPort;
    int colon = hostPort.lastIndexOf(':');
    if (colon > 0 && !hostPort.endsWith("]")) {
      host = hostPort.substring(0, colon);
      try {
        port = Integer.parseInt(hostPort.substring(colon + 1));
      } catch (NumberFormatException e) {
        return Optional.empty();
      }
    }
    return Optional.of(new Forwarding.HostPort(host.toLowerCase(Locale.ROOT), port));
  }

  /**
   * The URI the upstream receives for {@code uri} (the request's URI after rewrites, without arguments) in
   * {@code location}: with a URI part, the matched prefix of a prefix location is replaced by it; without
   * one, the URI is passed as it is.
   */
  String forwardedUri(String uri, NginxLocation location) {
    if (uriPart == null || location == null || !location.isPrefix() || !uri.startsWith(location.path)) return uri;
    return uriPart + uri.substring(location.path.length());
  }
}
