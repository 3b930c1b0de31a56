package dev.corslint.topology;

import dev.corslint.model.CorsPolicy;
import dev.corslint.model.Environment;
import dev.corslint.model.Forwarding;
import dev.corslint.model.Listening;
import dev.corslint.model.Notice;
import dev.corslint.model.SourceTree;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Joins front scopes to the applications of the same repository they forward to. A {@code proxy_pass} host
 * that is a compose service leads to the application under that service's build directory; a loopback host
 * leads to the application that listens on that port. A link is made only when exactly one application
 * answers there on the named port; anything ambiguous or unmatched stays unlinked, with a notice where the
 * repository clearly meant a link.
 */
public final class ProxyLinks {

  private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "::1", "[::1]");

  private ProxyLinks() {}

  /** The policies with every linkable front scope replaced by its link to the application behind it. */
  public static List<CorsPolicy> link(List<CorsPolicy> policies, SourceTree tree, List<Notice> notices) {
    if (policies.stream().noneMatch(p -> p.forwarding().map(f -> !f.addresses().isEmpty()).orElse(false))) {
      return policies;
    }
    List<ComposeService> services = ComposeFiles.read(tree, notices);
    List<LinkedPolicy.Application> apps = applications(policies);
    List<CorsPolicy> out = new ArrayList<>(policies.size());
    for (CorsPolicy p : policies) {
      Forwarding f = p.forwarding().orElse(null);
      if (f == null || f.addresses().isEmpty()) {
        out.add(p);
        continue;
      }
      Target t = target(f, services, apps, notices);
      out.add(t == null ? p : new LinkedPolicy(p, t.app(), "proxy_pass " + f.target() + " reaches " + t.how()));
    }
    return out;
  }

  private record Target(LinkedPolicy.Application app, String how) {}

  /** The one application every address of {@code f} reaches, or null. */
  private static Target target(Forwarding f, List<ComposeService> services, List<LinkedPolicy.Application> apps,
      List<Notice> notices) {
    Set<LinkedPolicy.Application> reached = new LinkedHashSet<>();
    List<String> how = new ArrayList<>();
    for (Forwarding.HostPort a : f.addresses()) {
      List<LinkedPolicy.Application> here = new ArrayList<>();
      String where;
      // a compose file names the services of its own project: the proxy's configuration lives below it
      List<ComposeService> named = services.stream()
          .filter(s -> s.name().equalsIgnoreCase(a.host()) && under(f.span().file(), s.projectDirectory()))
          .toList();
      if (LOOPBACK.contains(a.host())) {
        for (LinkedPolicy.Application app : apps) if (app.ports().contains(a.port())) here.add(app);
        where = "the application listening on port " + a.port();
      } else if (!named.isEmpty()) {
        Set<String> dirs = new LinkedHashSet<>();
        for (ComposeService s : named) if (s.buildDirectory() != null) dirs.add(s.buildDirectory());
        if (dirs.size() != 1) {
          if (dirs.size() > 1) {
            notices.add(Notice.note("proxy_pass " + f.target() + ": compose files define service " + a.host()
                + " with different build directories " + dirs + "; the proxy is analysed without the application behind it", f.span()));
          }
          return null;
        }
        String dir = dirs.iterator().next();
        Integer envPort = named.stream().map(ComposeService::environmentPort).filter(p -> p != null).findFirst().orElse(null);
        boolean servicePort = named.stream().anyMatch(s -> s.containerPorts().contains(a.port()));
        for (LinkedPolicy.Application app : apps) {
          if (!under(app.directory(), dir)) continue;
          // an application whose own files name no port answers on the port the compose file gives it
          boolean port = app.ports().isEmpty() ? servicePort : listensOn(app, a.port(), envPort);
          if (port) here.add(app);
        }
        where = "compose service " + a.host() + " (" + (dir.isEmpty() ? "." : dir + "/") + ")";
        if (here.isEmpty()) {
          notices.add(Notice.note("proxy_pass " + f.target() + " forwards to compose service " + a.host()
              + ", but no application under " + (dir.isEmpty() ? "the root" : dir + "/") + " is known to listen on port "
              + a.port() + "; the proxy is analysed without the application behind it", f.span()));
          return null;
        }
      } else {
        return null;
      }
      if (here.size() > 1) {
        List<String> names = here.stream().map(LinkedPolicy.Application::name).limit(3).toList();
        String more = here.size() > 3 ? " and " + (here.size() - 3) + " more" : "";
        notices.add(Notice.note("proxy_pass " + f.target() + " may reach any of " + String.join(", ", names) + more
            + "; the proxy is analysed without the application behind it", f.span()));
        return null;
      }
      if (here.isEmpty()) return null;
      reached.addAll(here);
      how.add(where);
    }
    if (reached.size() != 1) {
      if (reached.size() > 1) {
        notices.add(Notice.note("the servers of proxy_pass " + f.target() + " are different applications; the proxy "
            + "is analysed without the application behind it", f.span()));
      }
      return null;
    }
    return new Target(reached.iterator().next(), String.join(", ", new LinkedHashSet<>(how)));
  }

  /** Whether {@code app} answers on {@code port}; a compose {@code PORT} replaces a fallback port. */
  private static boolean listensOn(LinkedPolicy.Application app, int port, Integer envPort) {
    if (envPort != null && app.fallbackOnly()) return envPort == port;
    return app.ports().contains(port);
  }

  private static boolean under(String file, String dir) {
    return dir.isEmpty() || file.equals(dir) || file.startsWith(dir + "/");
  }

  /**
   * The applications of the repository, grouped by ecosystem, directory and the ports they say they listen on
   * (where their own files say nothing, the directory of the scope's file). Only the production view is
   * linked: a proxy serves what is deployed.
   */
  static List<LinkedPolicy.Application> applications(List<CorsPolicy> policies) {
    Map<String, List<CorsPolicy>> groups = new LinkedHashMap<>();
    Map<String, List<Listening>> ports = new LinkedHashMap<>();
    Map<String, String> dirs = new LinkedHashMap<>();
    for (CorsPolicy p : policies) {
      if (p.forwarding().isPresent() || p.scope().environment() != Environment.PRODUCTION) continue;
      List<Listening> ls = p.listening();
      String dir = directory(ls.isEmpty() ? p.scope().span().file() : ls.get(0).span().file());
      String key = p.scope().ecosystem() + "\u0000" + dir + "\u0000" + ls.stream().map(Listening::port).toList();
      groups.computeIfAbsent(key, k -> new ArrayList<>()).add(p);
      ports.putIfAbsent(key, ls);
      dirs.putIfAbsent(key, dir);
    }
    List<LinkedPolicy.Application> out = new ArrayList<>();
    groups.forEach((key, ps) -> {
      List<Listening> ls = ports.get(key);
      String dir = dirs.get(key);
      String name = ps.get(0).scope().ecosystem().displayName() + " application in "
          + (dir.isEmpty() ? "the root" : dir + "/");
      out.add(new LinkedPolicy.Application(name, dir, ps, ls.stream().map(Listening::port).distinct().toList(),
          !ls.isEmpty() && ls.stream().allMatch(Listening::fallback)));
    });
    return out;
  }

  /** The application's directory: where {@code src/main/} starts for a Maven layout, else the file's folder. */
  private static String directory(String file) {
    String f = file.toLowerCase(Locale.ROOT).startsWith("src/main/") ? "/" + file : file;
    int src = f.indexOf("/src/main/");
    if (src >= 0) return f.substring(0, src).replaceFirst("^/", "");
    int slash = file.lastIndexOf('/');
    return slash < 0 ? "" : file.substring(0, slash);
  }
}
