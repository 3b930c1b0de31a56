package dev.corslint.ecosystems.django;

import dev.corslint.model.SourceFile;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The django-cors-headers releases whose answers differ. 4.0 dropped {@code accept-encoding}, {@code dnt}
 * and {@code origin} from the default allowed headers (browsers never let scripts set them) and added
 * {@code CORS_ALLOW_PRIVATE_NETWORK}; 4.3 stopped sending {@code Access-Control-Allow-Credentials} to refused
 * origins. 3.14 (Debian 12) behaves like the 3.x line.
 */
public enum CorsHeadersVersion {
  V3("django-cors-headers 3.x", List.of("accept", "accept-encoding", "authorization", "content-type", "dnt", "origin",
      "user-agent", "x-csrftoken", "x-requested-with")),
  /** 4.0 to 4.2: the new defaults, but credentials still sent to refused origins. */
  V4_EARLY("django-cors-headers 4.0-4.2", List.of("accept", "authorization", "content-type", "user-agent", "x-csrftoken",
      "x-requested-with")),
  V4("django-cors-headers 4.3+", List.of("accept", "authorization", "content-type", "user-agent", "x-csrftoken",
      "x-requested-with"));

  /** {@code corsheaders.defaults.default_methods}, the same in both. */
  public static final List<String> DEFAULT_METHODS = List.of("DELETE", "GET", "OPTIONS", "PATCH", "POST", "PUT");

  private static final Pattern REQUIREMENT = Pattern.compile(
      "(?im)^[^#\\n]*?\\bdjango[-_.]cors[-_.]headers\\b\\s*(?:\\[[^\\]]*\\])?\\s*(?:=\\s*[\"']\\s*)?(===|==|~=|>=|<=|!=|<|>|\\^|~)?\\s*v?(\\d+)?(?:\\.(\\d+))?");
  private static final List<String> REQUIREMENT_FILES =
      List.of("requirements", "pipfile", "pyproject.toml", "setup.cfg", "setup.py", "poetry.lock", "constraints");

  private final String label;
  private final List<String> defaultHeaders;

  CorsHeadersVersion(String label, List<String> defaultHeaders) {
    this.label = label;
    this.defaultHeaders = defaultHeaders;
  }

  public String label() {
    return label;
  }

  /** {@code corsheaders.defaults.default_headers}. */
  public List<String> defaultHeaders() {
    return defaultHeaders;
  }

  /** Before 4.3 {@code Access-Control-Allow-Credentials} is set before the origin is checked. */
  public boolean credentialsForRefusedOrigins() {
    return this != V4;
  }

  /** {@code CORS_ALLOW_PRIVATE_NETWORK} exists from 4.0; 3.x ignores it. */
  public boolean privateNetwork() {
    return this != V3;
  }

  /** Whether {@code file} is a place where a Python project declares its dependencies. */
  public static boolean isRequirementsFile(String relative) {
    String name = relative.substring(relative.lastIndexOf('/') + 1).toLowerCase(java.util.Locale.ROOT);
    if (relative.toLowerCase(java.util.Locale.ROOT).contains("/requirements/") && name.endsWith(".txt")) return true;
    return REQUIREMENT_FILES.stream().anyMatch(name::startsWith);
  }

  /**
   * The version a project declares, from the requirement line text; {@link #V4} (the current line) when it
   * names the package without a version that rules 4.x out.
   */
  public static Optional<CorsHeadersVersion> declared(String text) {
    Matcher m = REQUIREMENT.matcher(text);
    if (!m.find()) return Optional.empty();
    String op = m.group(1) == null ? "" : m.group(1);
    if (m.group(2) == null || Set.of(">=", ">", "!=").contains(op)) return Optional.of(V4); // the newest allowed
    int major;
    int minor;
    try {
      major = Integer.parseInt(m.group(2));
      minor = m.group(3) == null ? -1 : Integer.parseInt(m.group(3));
    } catch (NumberFormatException e) {
      return Optional.of(V4);
    }
    if (op.equals("<") || op.equals("<=")) {
      // The newest release below the bound.
      if (op.equals("<") && (minor <= 0)) return Optional.of(major - 1 <= 3 ? V3 : V4);
      if (major <= 3) return Optional.of(V3);
      if (major == 4 && minor >= 0 && (op.equals("<") ? minor - 1 : minor) < 3) return Optional.of(V4_EARLY);
      return Optional.of(V4);
    }
    if (major <= 3) return Optional.of(V3);
    // ==4.2 and ~4.2 stay on 4.2; ^4.2 and ~=4.2 allow every later 4.x, ~=4.2.0 only 4.2.x.
    boolean patchGiven = m.end() < text.length() && text.charAt(m.end()) == '.';
    boolean staysOnMinor = !op.equals("^") && (!op.equals("~=") || patchGiven);
    if (major == 4 && minor >= 0 && minor < 3 && staysOnMinor) return Optional.of(V4_EARLY);
    return Optional.of(V4);
  }

  /** The version declared in the requirement file nearest to {@code near} (same folder or the closest above). */
  public static CorsHeadersVersion forProject(List<SourceFile> requirementFiles, java.util.function.Function<SourceFile, Optional<String>> read, String near) {
    SourceFile best = null;
    int bestDepth = -1;
    Optional<CorsHeadersVersion> bestVersion = Optional.empty();
    for (SourceFile f : requirementFiles) {
      String dir = f.relative().contains("/") ? f.relative().substring(0, f.relative().lastIndexOf('/')) : "";
      if (dir.endsWith("/requirements") || dir.equals("requirements")) dir = dir.substring(0, Math.max(0, dir.length() - "requirements".length())).replaceAll("/$", "");
      if (!dir.isEmpty() && !near.startsWith(dir + "/")) continue;
      int depth = dir.isEmpty() ? 0 : dir.split("/").length;
      if (depth < bestDepth) continue;
      Optional<CorsHeadersVersion> v = read.apply(f).flatMap(CorsHeadersVersion::declared);
      if (v.isEmpty()) continue;
      if (depth > bestDepth || best == null) {
        best = f;
        bestDepth = depth;
        bestVersion = v;
      }
    }
    return bestVersion.orElse(V4);
  }
}
