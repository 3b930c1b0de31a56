package dev.corslint.report;

import com.contrastsecurity.sarif.ArtifactLocation;
import com.contrastsecurity.sarif.Location;
import com.contrastsecurity.sarif.PhysicalLocation;
import com.contrastsecurity.sarif.Region;
import dev.corslint.model.SourceSpan;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** SARIF locations: paths relative to {@value #SRCROOT}, so that code scanning maps them onto the repository. */
final class SarifLocations {

  static final String SRCROOT = "%SRCROOT%";

  private SarifLocations() {}

  static Location of(SourceSpan span) {
    return new Location().withPhysicalLocation(physical(span, region(span)));
  }

  /** For notices, which concern a file and a line rather than a precise span. */
  static Location lineOf(SourceSpan span) {
    return new Location().withPhysicalLocation(physical(span, new Region().withStartLine(span.line())));
  }

  private static PhysicalLocation physical(SourceSpan span, Region region) {
    return new PhysicalLocation()
        .withArtifactLocation(new ArtifactLocation().withUri(relativeUri(span.file())).withUriBaseId(SRCROOT))
        .withRegion(region);
  }

  static Region region(SourceSpan span) {
    Region region = new Region().withStartLine(span.line()).withStartColumn(span.column());
    if (span.endLine() == span.line() && span.endColumn() == span.column()) {
      // A point: without an end, SARIF takes the region to the end of the line, which shows better than
      // an empty region.
      return region;
    }
    return region.withEndLine(span.endLine()).withEndColumn(span.endColumn());
  }

  /** The scan root as an absolute file URI ending in '/', as SARIF requires of a base. */
  static String rootUri(Path root) {
    String uri = root.toAbsolutePath().normalize().toUri().toString();
    return uri.endsWith("/") ? uri : uri + "/";
  }

  /**
   * A relative path as a relative URI reference: every byte outside the unreserved and sub-delimiter
   * characters is percent-encoded (spaces, '%', '#', '?', non-ASCII), and ':' too, so that a first segment
   * such as {@code c:} is never read as a scheme.
   */
  static String relativeUri(String path) {
    StringBuilder out = new StringBuilder();
    for (byte b : path.replace('\\', '/').getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if (isPathChar(c)) {
        out.append((char) c);
      } else {
        out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
    return out.toString();
  }

  private static boolean isPathChar(int c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || "-._~!$&'()*+,;=@/".indexOf(c) >= 0;
  }
}
