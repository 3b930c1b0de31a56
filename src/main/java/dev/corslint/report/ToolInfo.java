package dev.corslint.report;

/** The tool's identity as reports state it. */
public final class ToolInfo {

  public static final String NAME = "corslint";
  public static final String INFORMATION_URI = "https://corslint.dev";

  /** Used when running from classes rather than a built jar, which has no manifest version. */
  static final String FALLBACK_VERSION = "0.1.0";

  private ToolInfo() {}

  /** The version from the jar manifest's {@code Implementation-Version}, else {@value #FALLBACK_VERSION}. */
  public static String version() {
    String fromManifest = ToolInfo.class.getPackage().getImplementationVersion();
    return fromManifest == null || fromManifest.isBlank() ? FALLBACK_VERSION : fromManifest.trim();
  }
}
