package dev.corslint.model;

import java.util.List;
import java.util.Objects;

/**
 * Where a scope in front hands requests on: an nginx {@code proxy_pass}. A fact of the front layer alone; which
 * application of the repository answers there is decided by linking, outside the ecosystems.
 *
 * @param target the target as written, e.g. {@code http://api:3000} or {@code http://backend}
 * @param addresses the hosts and ports the target resolves to (the servers of an nginx {@code upstream} block,
 *     or the target's own host and port); empty when the target is computed at run time
 * @param span the directive
 */
public record Forwarding(String target, List<HostPort> addresses, SourceSpan span) {

  public Forwarding {
    Objects.requireNonNull(target);
    Objects.requireNonNull(span);
    addresses = List.copyOf(addresses);
  }

  /** One address, e.g. {@code api:3000}; the port is the scheme's default when the target names none. */
  public record HostPort(String host, int port) {

    @Override
    public String toString() {
      return host + ":" + port;
    }
  }
}
