package dev.corslint.live;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The nginx binary the live tests run, and where its dynamic modules are. Live tests skip when nginx is not
 * installed, except in CI, which sets {@code CORSLINT_REQUIRE_LIVE=1} so that a missing nginx fails.
 */
public record NginxInstallation(Path binary, Path modulesDir) {

  static final String REQUIRE_LIVE = "CORSLINT_REQUIRE_LIVE";
  static final String HEADERS_MORE = "ngx_http_headers_more_filter_module.so";

  public static boolean liveRequired() {
    return "1".equals(System.getenv(REQUIRE_LIVE));
  }

  /** nginx from the PATH; Debian's /usr/sbin is tried too, since it is not on every user's PATH. */
  public static Optional<NginxInstallation> find() {
    Optional<Path> binary = Optional.empty();
    String path = System.getenv("PATH");
    if (path != null) {
      for (String dir : path.split(File.pathSeparator)) {
        if (dir.isEmpty()) continue;
        Path candidate = Path.of(dir, "nginx");
        if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
          binary = Optional.of(candidate);
          break;
        }
      }
    }
    if (binary.isEmpty() && Files.isExecutable(Path.of("/usr/sbin/nginx"))) binary = Optional.of(Path.of("/usr/sbin/nginx"));
    return binary.map(b -> new NginxInstallation(b, modulesDirOf(b)));
  }

  /** The installation, or a skipped test (a failed one when live tests are required). */
  public static NginxInstallation requireOrSkip() {
    Optional<NginxInstallation> found = find();
    if (found.isEmpty()) {
      if (liveRequired()) Assertions.fail("nginx is not on the PATH but " + REQUIRE_LIVE + "=1");
      Assumptions.abort("nginx is not installed: live nginx tests skipped");
    }
    return found.get();
  }

  public Optional<Path> headersMoreModule() {
    Path p = modulesDir.resolve(HEADERS_MORE);
    return Files.isRegularFile(p) ? Optional.of(p) : Optional.empty();
  }

  /** {@code --modules-path} from {@code nginx -V}; Debian's directory when it cannot be read. */
  private static Path modulesDirOf(Path binary) {
    Path fallback = Path.of("/usr/lib/nginx/modules");
    try {
      Process p = new ProcessBuilder(binary.toString(), "-V").redirectErrorStream(true).start();
      byte[] out = p.getInputStream().readAllBytes();
      if (!p.waitFor(10, TimeUnit.SECONDS)) p.destroyForcibly();
      Matcher m = Pattern.compile("--modules-path=(\\S+)").matcher(new String(out, StandardCharsets.UTF_8));
      return m.find() ? Path.of(m.group(1)) : fallback;
    } catch (IOException e) {
      return fallback;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return fallback;
    }
  }
}
