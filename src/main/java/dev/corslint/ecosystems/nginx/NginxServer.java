package dev.corslint.ecosystems.nginx;

import dev.corslint.model.SourceSpan;
import dev.corslint.model.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A {@code server} block, or the implicit server around a fragment of top-level locations. */
final class NginxServer {

  final NginxHttp http;
  final Directive directive;
  final String file;
  NginxLevel level;
  final List<Directive> serverNames = new ArrayList<>();
  final List<Directive> listens = new ArrayList<>();
  Directive sslOn;

  NginxServer(NginxHttp http, Directive directive, String file) {
    this.http = http;
    this.directive = directive;
    this.file = file;
  }

  boolean implicit() {
    return directive == null;
  }

  SourceSpan span() {
    return directive != null ? directive.span() : SourceSpan.file(file);
  }

  /** Whether the API is served over TLS: a {@code listen ... ssl} (or {@code ssl on}); port 80 without. */
  Value<Boolean> tls() {
    if (implicit()) return Value.absent();
    for (Directive l : listens) {
      for (int i = 1; i < l.args().size(); i++) {
        String a = l.arg(i);
        if (a.equals("ssl") || a.equals("quic")) return Value.known(true, l.span());
      }
    }
    if (sslOn != null && "on".equalsIgnoreCase(sslOn.arg(0))) return Value.known(true, sslOn.span());
    if (!listens.isEmpty()) return Value.known(false, listens.get(0).span());
    return Value.known(false, span());
  }

  /**
   * {@code $scheme} for requests from a browser: https when the server listens with TLS at all (a page on
   * https calls the API on https), http otherwise; null for an implicit server.
   */
  String scheme() {
    if (implicit()) return null;
    return tls().is(true) ? "https" : "http";
  }

  /** The first real host name: not {@code _}, {@code localhost}, a regex or a wildcard. */
  Value<String> host() {
    for (Directive d : serverNames) {
      for (Arg a : d.args()) {
        String n = a.value().toLowerCase(Locale.ROOT);
        if (n.isEmpty() || n.equals("_") || n.equals("localhost") || n.startsWith("~") || n.contains("*")
            || n.contains("$")) {
          continue;
        }
        if (n.startsWith(".")) n = n.substring(1);
        return Value.known(n, d.span());
      }
    }
    return Value.absent();
  }

  /** The first {@code server_name} as written, for descriptions. */
  String displayName() {
    for (Directive d : serverNames) if (!d.args().isEmpty()) return d.arg(0);
    for (Directive l : listens) if (!l.args().isEmpty()) return ":" + l.arg(0);
    return implicit() ? "(" + file + ")" : "_";
  }
}
