package dev.corslint.live.browser;

import com.fasterxml.jackson.databind.JsonNode;
import dev.corslint.live.NginxInstallation;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The headless Chromium of the browser-agreement test, driven by {@code driver.js} (playwright-core over
 * CDP) in a Node child process: one browser for the whole run, one page per page origin. Closing ends the
 * driver, the browser and every helper process they started; a shutdown hook does the same if the JVM
 * exits first.
 */
final class ChromiumDriver implements AutoCloseable {

  /** The Node project of the driver: package.json, package-lock.json, driver.js, node_modules after npm ci. */
  static final Path PROJECT = Path.of("src/test/resources/live/browser");

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long START_TIMEOUT_S = 60;
  private static final long FETCH_TIMEOUT_S = 45;
  private static final Set<ChromiumDriver> OPEN = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> OPEN.forEach(ChromiumDriver::close), "chromium-driver-cleanup"));
  }

  /** One fetch() as the driver reports it. */
  record Outcome(
      boolean ok,
      Integer status,
      String error,
      List<ConsoleLine> console,
      String corsError,
      String failedParameter,
      String errorText,
      String blockedReason) {

    /**
     * The line that says why the browser blocked the request: the CORS line ({@code Access to fetch at ...},
     * source javascript) or the mixed-content line ({@code Mixed Content: ...}, source security); null when
     * neither was printed.
     */
    String blockingMessage() {
      for (ConsoleLine c : console) {
        if (!c.level().equals("error")) continue;
        if (c.source().equals("javascript") && c.text().startsWith("Access to fetch at ")) return c.text();
        if (c.source().equals("security") && c.text().startsWith("Mixed Content: ")) return c.text();
      }
      return null;
    }

    /** Error-level lines, for reports. */
    List<String> errorLines() {
      List<String> out = new ArrayList<>();
      for (ConsoleLine c : console) if (c.level().equals("error")) out.add("[" + c.source() + "] " + c.text());
      return out;
    }
  }

  record ConsoleLine(String source, String level, String text) {}

  /** Skips the calling test when something it needs is missing; with CORSLINT_REQUIRE_LIVE=1 it fails instead. */
  static void requireOrSkip() {
    List<String> missing = missing();
    if (missing.isEmpty()) return;
    String why = "browser agreement test needs: " + String.join("; ", missing);
    if (NginxInstallation.liveRequired()) org.junit.jupiter.api.Assertions.fail(why + " (CORSLINT_REQUIRE_LIVE=1)");
    org.junit.jupiter.api.Assumptions.abort(why);
  }

  /** What is needed and missing, empty when the browser test can run. */
  static List<String> missing() {
    List<String> out = new ArrayList<>();
    if (onPath("node").isEmpty()) out.add("node is not on the PATH");
    if (chromium().isEmpty()) out.add("chromium is not installed (apt-get install chromium)");
    if (onPath("openssl").isEmpty()) out.add("openssl is not on the PATH");
    if (!Files.isDirectory(PROJECT.resolve("node_modules/playwright-core"))) {
      out.add("playwright-core is not installed (npm ci in " + PROJECT + ")");
    }
    return out;
  }

  /** {@code CORSLINT_CHROMIUM}, else Debian's {@code /usr/bin/chromium}, else {@code chromium} on the PATH. */
  static Optional<Path> chromium() {
    String env = System.getenv("CORSLINT_CHROMIUM");
    if (env != null && !env.isBlank()) return Files.isExecutable(Path.of(env)) ? Optional.of(Path.of(env)) : Optional.empty();
    Path debian = Path.of("/usr/bin/chromium");
    if (Files.isExecutable(debian)) return Optional.of(debian);
    return onPath("chromium");
  }

  static Optional<Path> onPath(String name) {
    String path = System.getenv("PATH");
    if (path == null) return Optional.empty();
    for (String dir : path.split(File.pathSeparator)) {
      if (dir.isEmpty()) continue;
      Path p = Path.of(dir, name);
      if (Files.isRegularFile(p) && Files.isExecutable(p)) return Optional.of(p);
    }
    return Optional.empty();
  }

  private final Process process;
  private final Writer stdin;
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
  private final Path log;
  private final Set<ProcessHandle> seen = ConcurrentHashMap.newKeySet();
  private String version;
  private String rules;
  private int nextId = 1;
  private boolean closed;

  private ChromiumDriver(Process process, Path log) {
    this.process = process;
    this.log = log;
    this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) lines.add(line);
              } catch (IOException e) {
                // the driver is gone; a waiting call times out and says so
              }
              lines.add("");
            },
            "chromium-driver-stdout");
    reader.setDaemon(true);
    reader.start();
  }

  /**
   * Starts the driver and the browser, with {@code origins} (serialized, e.g. {@code https://app.example.com})
   * as the page origins it may be asked for. The driver's stderr goes to {@code log}.
   */
  static ChromiumDriver start(Set<String> origins, Path log) throws IOException {
    Files.createDirectories(log.getParent());
    Path driver = PROJECT.resolve("driver.js").toAbsolutePath();
    ProcessBuilder pb =
        new ProcessBuilder(onPath("node").map(Path::toString).orElse("node"), driver.toString())
            .directory(PROJECT.toFile())
            .redirectError(log.toFile());
    Process p = pb.start();
    ChromiumDriver d = new ChromiumDriver(p, log);
    OPEN.add(d);
    try {
      ObjectNode cmd = JSON.createObjectNode();
      cmd.put("cmd", "start");
      cmd.put("chromium", chromium().map(Path::toString).orElse("chromium"));
      cmd.set("origins", JSON.valueToTree(new ArrayList<>(origins)));
      JsonNode answer = d.call(cmd, START_TIMEOUT_S);
      if (!answer.path("ok").asBoolean(false)) throw new IOException("the browser did not start: " + answer);
      d.version = answer.path("version").asText();
      d.rules = answer.path("hostResolverRules").asText();
      d.remember();
      return d;
    } catch (IOException | RuntimeException e) {
      d.close();
      throw e;
    }
  }

  String version() {
    return version;
  }

  String hostResolverRules() {
    return rules;
  }

  /** Runs one fetch() from a page on {@code origin}. */
  Outcome fetch(String origin, String url, String method, Map<String, String> headers, boolean credentials)
      throws IOException {
    ObjectNode cmd = JSON.createObjectNode();
    cmd.put("cmd", "fetch");
    cmd.put("id", nextId++);
    cmd.put("origin", origin);
    cmd.put("url", url);
    cmd.put("method", method);
    cmd.set("headers", JSON.valueToTree(headers));
    cmd.put("credentials", credentials);
    JsonNode a = call(cmd, FETCH_TIMEOUT_S);
    if (a.hasNonNull("driverError")) throw new IOException("driver failed on " + cmd + ": " + a.get("driverError").asText());
    List<ConsoleLine> console = new ArrayList<>();
    for (JsonNode c : a.path("console")) {
      console.add(new ConsoleLine(c.path("source").asText(), c.path("level").asText(), c.path("text").asText()));
    }
    JsonNode ces = a.path("corsErrorStatus");
    return new Outcome(
        a.path("ok").asBoolean(false),
        a.hasNonNull("status") ? a.get("status").asInt() : null,
        a.hasNonNull("error") ? a.get("error").asText() : null,
        console,
        ces.hasNonNull("corsError") ? ces.get("corsError").asText() : null,
        ces.hasNonNull("failedParameter") ? ces.get("failedParameter").asText() : null,
        a.hasNonNull("errorText") ? a.get("errorText").asText() : null,
        a.hasNonNull("blockedReason") ? a.get("blockedReason").asText() : null);
  }

  /**
   * A TLS listener on loopback that passes the decrypted bytes unchanged to {@code port}: the https side of a
   * server whose TLS the live harness dropped. Returns its port.
   */
  int tlsFront(int port) throws IOException {
    ObjectNode cmd = JSON.createObjectNode();
    cmd.put("cmd", "tls");
    cmd.put("port", port);
    JsonNode a = call(cmd, FETCH_TIMEOUT_S);
    if (!a.path("ok").asBoolean(false) || !a.has("port")) throw new IOException("no TLS front for port " + port + ": " + a);
    return a.get("port").asInt();
  }

  /** Closes every TLS front and its connections (after each fixture). */
  void closeTlsFronts() throws IOException {
    JsonNode a = call(JSON.createObjectNode().put("cmd", "tls-close"), FETCH_TIMEOUT_S);
    if (!a.path("ok").asBoolean(false)) throw new IOException("closing the TLS fronts failed: " + a);
  }

  private synchronized JsonNode call(ObjectNode cmd, long timeoutSeconds) throws IOException {
    if (closed) throw new IOException("driver closed");
    stdin.write(JSON.writeValueAsString(cmd));
    stdin.write("\n");
    stdin.flush();
    String line;
    try {
      line = lines.poll(timeoutSeconds, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    if (line == null) throw new IOException("no answer from the driver in " + timeoutSeconds + " s to " + cmd + "\n" + logTail());
    if (line.isEmpty()) throw new IOException("the driver exited; to " + cmd + "\n" + logTail());
    return JSON.readTree(line);
  }

  /**
   * Remembers the browser's processes: if the driver dies, the browser is re-parented and no longer among the
   * driver's descendants, but still among its own.
   */
  private void remember() {
    process.descendants().forEach(seen::add);
  }

  private Set<ProcessHandle> everyProcess() {
    Set<ProcessHandle> all = new LinkedHashSet<>();
    process.descendants().forEach(all::add);
    for (ProcessHandle h : seen) {
      all.add(h);
      h.descendants().forEach(all::add);
    }
    return all;
  }

  String logTail() {
    try {
      String text = Files.exists(log) ? Files.readString(log) : "";
      return text.length() > 4000 ? "..." + text.substring(text.length() - 4000) : text;
    } catch (IOException e) {
      return "(driver log unreadable: " + e.getMessage() + ")";
    }
  }

  /** Asks the driver to close the browser, then ends whatever is left: driver, browser, helpers. */
  @Override
  public synchronized void close() {
    if (closed) return;
    try {
      if (process.isAlive()) {
        try {
          call(JSON.createObjectNode().put("cmd", "close"), 15);
        } catch (IOException | RuntimeException e) {
          // ended below
        }
      }
    } finally {
      closed = true;
      OPEN.remove(this);
      Set<ProcessHandle> all = everyProcess();
      process.destroy();
      try {
        if (!process.waitFor(5, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
      }
      for (ProcessHandle h : all) {
        if (h.isAlive()) h.destroyForcibly();
      }
      for (ProcessHandle h : all) {
        try {
          h.onExit().get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
          // reported by stillAlive()
        }
      }
    }
  }

  /** A process that has exited but is not yet reaped by its (new) parent holds no resources: not a leak. */
  private static boolean zombie(ProcessHandle h) {
    try {
      String stat = Files.readString(Path.of("/proc/" + h.pid() + "/stat"));
      int close = stat.lastIndexOf(')');
      return close > 0 && stat.length() > close + 2 && stat.charAt(close + 2) == 'Z';
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  /** Processes of this driver still alive (for the test's own check that nothing is left running). */
  List<ProcessHandle> stillAlive() {
    List<ProcessHandle> out = new ArrayList<>();
    if (process.isAlive()) out.add(process.toHandle());
    for (ProcessHandle h : everyProcess()) if (h.isAlive() && !zombie(h)) out.add(h);
    return out;
  }
}
