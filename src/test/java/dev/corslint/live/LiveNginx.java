package dev.corslint.live;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * One fixture configuration running in a real nginx on loopback: the fixture folder is copied into a private
 * prefix, rewritten by {@link LoopbackRewrite}, checked with {@code nginx -t} and started in the foreground
 * as a child process. Closing stops nginx and its workers and deletes the prefix; a shutdown hook does the
 * same for instances a crashed test left open, so no nginx outlives the test JVM.
 */
public final class LiveNginx implements AutoCloseable {

  private static final Set<LiveNginx> OPEN = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> OPEN.forEach(LiveNginx::close), "live-nginx-cleanup"));
  }

  private static final long START_TIMEOUT_MS = 15_000;

  private final NginxInstallation nginx;
  private final Path prefix;
  private final String entry;
  private LoopbackRewrite.Result config;
  private Process process;
  private boolean closed;

  private LiveNginx(NginxInstallation nginx, Path prefix, String entry) {
    this.nginx = nginx;
    this.prefix = prefix;
    this.entry = entry;
  }

  /**
   * Starts {@code entry} (relative to {@code fixtureRoot}) with every proxied location sent to loopback
   * {@code upstreamPort}. Throws {@link AssertionError} with nginx's message when nginx rejects the
   * configuration, and {@link LoopbackRewrite.NotRunnable} when it cannot be rewritten at all.
   */
  public static LiveNginx start(NginxInstallation nginx, Path fixtureRoot, String entry, int upstreamPort)
      throws IOException, NginxSyntax.SyntaxError, LoopbackRewrite.NotRunnable {
    Path prefix = Files.createTempDirectory("corslint-live-nginx-");
    // workers run as an unprivileged user when the tests run as root: they must reach the served files
    Files.setPosixFilePermissions(prefix, PosixFilePermissions.fromString("rwxr-xr-x"));
    LiveNginx live = new LiveNginx(nginx, prefix, entry);
    OPEN.add(live);
    try {
      Path copy = prefix.resolve("fixture");
      copyTree(fixtureRoot, copy);
      for (String dir : List.of("conf", "logs", "temp", "cache", "www", "html")) Files.createDirectories(prefix.resolve(dir));
      LoopbackRewrite rewrite =
          new LoopbackRewrite(copy, prefix, upstreamPort, LiveNginx::freePort, nginx.modulesDir());
      live.config = rewrite.rewrite(entry);
      for (Path dir : live.config.rootDirs()) Files.createDirectories(dir);
      for (Path dir : live.config.aliasDirs()) Files.createDirectories(dir);
      // production has its error pages: without them an error_page answers 404 instead of its status
      for (String page : live.config.errorPages()) live.ensureStaticFile(page);
      // no user: a browser's request carries cookies, not a login, so auth_basic always asks for one
      Files.writeString(prefix.resolve("conf/htpasswd"), "", StandardCharsets.UTF_8);
      Files.writeString(live.confFile(), live.config.config(), StandardCharsets.UTF_8);
      live.checkConfig();
      live.launch();
      live.awaitPorts();
      return live;
    } catch (IOException | NginxSyntax.SyntaxError | LoopbackRewrite.NotRunnable | RuntimeException | Error e) {
      live.close();
      throw e;
    }
  }

  LoopbackRewrite.Result config() {
    return config;
  }

  public List<LoopbackRewrite.Server> servers() {
    return config.servers();
  }

  Path prefix() {
    return prefix;
  }

  /** The master and its workers, while running. */
  List<ProcessHandle> processes() {
    List<ProcessHandle> out = new ArrayList<>();
    out.add(process.toHandle());
    out.addAll(process.descendants().toList());
    return out;
  }

  /**
   * Makes {@code requestPath} exist below every {@code root} and {@code alias} of the configuration, so that
   * a location serving files answers as it does in production, where the file is there.
   */
  public void ensureStaticFile(String requestPath) {
    String path = requestPath.replaceFirst("[?#].*$", "");
    String relative = path.replaceFirst("^/+", "");
    try {
      for (Path root : config.rootDirs()) {
        writeIfAbsent(root, root.resolve("index.html"));
        if (!relative.isEmpty()) {
          writeIfAbsent(root, root.resolve(relative.endsWith("/") ? relative + "index.html" : relative));
        }
      }
      String base = relative.contains("/") ? relative.substring(relative.lastIndexOf('/') + 1) : relative;
      for (Path alias : config.aliasDirs()) {
        writeIfAbsent(alias, alias.resolve("index.html"));
        if (!base.isEmpty()) writeIfAbsent(alias, alias.resolve(base));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void writeIfAbsent(Path root, Path file) throws IOException {
    Path f = file.normalize();
    if (!f.startsWith(root) || Files.exists(f)) return;
    Files.createDirectories(f.getParent());
    Files.writeString(f, "corslint live test\n");
  }

  private Path confFile() {
    return prefix.resolve("conf/nginx.conf");
  }

  private List<String> command(boolean test) {
    List<String> cmd = new ArrayList<>();
    cmd.add(nginx.binary().toString());
    if (test) cmd.add("-t");
    cmd.addAll(
        List.of(
            "-p", prefix + "/",
            "-e", prefix.resolve("logs/error.log").toString(),
            "-c", confFile().toString(),
            "-g", "daemon off;"));
    return cmd;
  }

  private void checkConfig() throws IOException {
    Path out = prefix.resolve("logs/nginx-t.log");
    Process p = new ProcessBuilder(command(true)).redirectErrorStream(true).redirectOutput(out.toFile()).start();
    try {
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        throw new AssertionError("nginx -t did not finish in 30 s for " + entry);
      }
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    if (p.exitValue() != 0) {
      throw new AssertionError(
          "nginx -t rejected the loopback configuration of "
              + entry
              + ":\n"
              + Files.readString(out).strip()
              + "\n--- "
              + confFile()
              + " ---\n"
              + numbered(config.config()));
    }
  }

  private void launch() throws IOException {
    process =
        new ProcessBuilder(command(false))
            .redirectErrorStream(true)
            .redirectOutput(prefix.resolve("logs/nginx.out").toFile())
            .start();
  }

  private void awaitPorts() throws IOException {
    long deadline = System.currentTimeMillis() + START_TIMEOUT_MS;
    for (int port : config.ports()) {
      while (true) {
        if (!process.isAlive()) {
          throw new AssertionError(
              "nginx exited with " + process.exitValue() + " while starting " + entry + ":\n" + errorLog());
        }
        try (Socket s = new Socket()) {
          s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
          break;
        } catch (IOException notYet) {
          if (System.currentTimeMillis() > deadline) {
            throw new AssertionError("nginx did not listen on 127.0.0.1:" + port + " within 15 s:\n" + errorLog());
          }
          sleep(50);
        }
      }
    }
  }

  /** nginx's error log, for failure messages. */
  public String errorLog() {
    try {
      Path log = prefix.resolve("logs/error.log");
      Path out = prefix.resolve("logs/nginx.out");
      String text = Files.exists(log) ? Files.readString(log) : "";
      if (Files.exists(out)) text += Files.readString(out);
      return text.strip();
    } catch (IOException e) {
      return "(error log unreadable: " + e.getMessage() + ")";
    }
  }

  /** Stops nginx (master and workers), then deletes the prefix; safe to call twice. */
  @Override
  public synchronized void close() {
    if (closed) return;
    closed = true;
    try {
      if (process != null) stop(process);
    } finally {
      OPEN.remove(this);
      if (!"1".equals(System.getenv("CORSLINT_LIVE_KEEP"))) deleteTree(prefix);
    }
  }

  private static void stop(Process master) {
    // remember the workers first: if the master must be killed, they would not be told to exit
    List<ProcessHandle> workers = master.descendants().toList();
    master.destroy(); // SIGTERM: nginx's fast shutdown, workers included
    try {
      if (!master.waitFor(5, TimeUnit.SECONDS)) master.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      for (ProcessHandle w : workers) {
        if (w.isAlive()) {
          w.destroyForcibly();
          w.onExit().get(5, TimeUnit.SECONDS);
        }
      }
    } catch (InterruptedException e) {
      master.destroyForcibly();
      workers.forEach(ProcessHandle::destroyForcibly);
      Thread.currentThread().interrupt();
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      // a worker that does not exit after SIGKILL is beyond our reach; nothing more to do
    }
  }

  /** An unused loopback port. Another process may take it before nginx binds; startup then fails loudly. */
  static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String numbered(String text) {
    StringBuilder out = new StringBuilder();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) out.append(String.format("%4d  %s%n", i + 1, lines[i]));
    return out.toString();
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void copyTree(Path from, Path to) throws IOException {
    Files.walkFileTree(
        from,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
            Files.createDirectories(to.resolve(from.relativize(dir).toString()));
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
            if (attrs.isRegularFile()) {
              Files.copy(file, to.resolve(from.relativize(file).toString()), StandardCopyOption.REPLACE_EXISTING);
            }
            return FileVisitResult.CONTINUE;
          }
        });
  }

  private static void deleteTree(Path root) {
    if (!Files.exists(root)) return;
    try {
      Files.walkFileTree(
          root,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
              Files.delete(file);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
              Files.delete(dir);
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      // a leftover temp directory is harmless; the processes are what must not leak
    }
  }
}
