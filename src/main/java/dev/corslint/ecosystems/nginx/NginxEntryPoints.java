package dev.corslint.ecosystems.nginx;

import dev.corslint.model.SourceFile;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which files are nginx configuration entry points (by name, confirmed by content, since {@code .conf} is
 * also supervisord's, Apache's and many others'), where an entry's relative includes start, and which files
 * are clearly meant for development.
 */
final class NginxEntryPoints {

  private static final Set<String> CONFIG_DIRECTORIES =
      Set.of("sites-available", "sites-enabled", "conf.d", "http.d", "vhosts.d", "servers");
  private static final Set<String> DEPLOY_DIRECTORIES =
      Set.of("docker", "deploy", ".docker", "nginx", "deployment", "deployments", "infra", "ops");
  /** Directories an entry file sits in below the configuration prefix ({@code /etc/nginx}). */
  private static final Set<String> BELOW_PREFIX =
      Set.of("conf.d", "sites-enabled", "sites-available", "http.d", "vhosts.d", "servers", "templates");
  private static final Set<String> DEVELOPMENT_MARKERS = Set.of("dev", "development", "local", "test");

  private static final Pattern BLOCK =
      Pattern.compile("(?m)^[ \\t]*(server|http|events|stream|upstream\\s+[\\w.-]+|map\\s+\\S+\\s+\\$\\w+)\\s*\\{");
  private static final Pattern LOCATION = Pattern.compile("(?m)^[ \\t]*location\\s+[^{;\\n]*\\{");
  private static final Pattern DIRECTIVE = Pattern.compile(
      "(?m)^[ \\t]*(add_header|more_set_headers|more_clear_headers|proxy_pass|proxy_set_header|proxy_hide_header"
          + "|fastcgi_pass|uwsgi_pass|server_name|listen|root|try_files|return|limit_except|include)\\s[^;\\n]*;");
  private static final Pattern FOREIGN = Pattern.compile(
      "(?m)^[ \\t]*(<\\/?(VirtualHost|Directory|Location|IfModule|Files)\\b|\\[[^\\]\\n]+\\][ \\t]*$"
          + "|[\\w.-]+[ \\t]*=[ \\t]*\\S|---[ \\t]*$|\\{[ \\t]*\"|apiVersion:)");

  private NginxEntryPoints() {}

  static boolean accepts(SourceFile file, byte[] head) {
    String rel = file.relative();
    if (!nameMatches(rel)) return false;
    String text = stripComments(new String(head == null ? new byte[0] : head, StandardCharsets.UTF_8));
    if (BLOCK.matcher(text).find()) return true;
    boolean nginxish = LOCATION.matcher(text).find() || countDirectives(text) >= 2;
    if (nginxish) return true;
    // Files named for nginx may start with a long comment or a preamble that hides the blocks from the head.
    String name = file.fileName().toLowerCase(Locale.ROOT);
    boolean strongName = name.equals("nginx.conf") || name.endsWith(".nginx") || inConfigDirectory(rel);
    return strongName && !FOREIGN.matcher(text).find() && countDirectives(text) >= 1;
  }

  static boolean nameMatches(String relative) {
    String lower = relative.toLowerCase(Locale.ROOT);
    String[] segments = lower.split("/");
    String name = segments[segments.length - 1];
    if (name.equals("nginx.conf") || name.endsWith(".conf") || name.endsWith(".conf.template")
        || name.endsWith(".nginx") || name.endsWith(".nginx.conf")) {
      return true;
    }
    if (inConfigDirectory(lower)) return true;
    for (int i = 0; i < segments.length - 1; i++) {
      if (DEPLOY_DIRECTORIES.contains(segments[i])) {
        int dot = name.lastIndexOf('.');
        String ext = dot < 0 ? "" : name.substring(dot + 1);
        return dot < 0 || Set.of("conf", "template", "tmpl", "nginx", "vhost", "site").contains(ext);
      }
    }
    return false;
  }

  private static boolean inConfigDirectory(String relative) {
    String[] segments = relative.toLowerCase(Locale.ROOT).split("/");
    for (int i = 0; i < segments.length - 1; i++) if (CONFIG_DIRECTORIES.contains(segments[i])) return true;
    return false;
  }

  private static int countDirectives(String text) {
    int n = 0;
    var m = DIRECTIVE.matcher(text);
    while (m.find()) n++;
    return n;
  }

  private static String stripComments(String text) {
    StringBuilder sb = new StringBuilder(text.length());
    for (String line : text.split("\n", -1)) {
      String t = line.stripLeading();
      sb.append(t.startsWith("#") ? "" : line).append('\n');
    }
    return sb.toString();
  }

  /** The directory nginx resolves an entry's relative includes against (its configuration prefix). */
  static String prefixDirectory(String entryRelative) {
    String dir = directory(entryRelative);
    int slash = dir.lastIndexOf('/');
    String last = slash < 0 ? dir : dir.substring(slash + 1);
    if (BELOW_PREFIX.contains(last.toLowerCase(Locale.ROOT))) return slash < 0 ? "" : dir.substring(0, slash);
    return dir;
  }

  static String directory(String relative) {
    int slash = relative.lastIndexOf('/');
    return slash < 0 ? "" : relative.substring(0, slash);
  }

  /**
   * Whether the path clearly marks development: a directory named {@code dev}, {@code development},
   * {@code local} or {@code test}, or a file name with such a component ({@code nginx.dev.conf},
   * {@code local.conf}).
   */
  static boolean isDevelopment(String relative) {
    if (relative == null) return false;
    String[] segments = relative.toLowerCase(Locale.ROOT).split("/");
    for (int i = 0; i < segments.length - 1; i++) if (DEVELOPMENT_MARKERS.contains(segments[i])) return true;
    for (String part : segments[segments.length - 1].split("[._-]")) {
      if (DEVELOPMENT_MARKERS.contains(part)) return true;
    }
    return false;
  }
}
