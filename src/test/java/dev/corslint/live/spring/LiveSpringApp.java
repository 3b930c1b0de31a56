package dev.corslint.live.spring;

import java.io.File;
import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * One fixture application compiled from its sources with the JDK compiler against the test class path and run
 * in this JVM as Spring Boot would run it (component scanning, auto-configuration, its application*.yml), on a
 * random loopback port. Spring Boot is reached by reflection so that this class loads even where it is absent.
 */
public final class LiveSpringApp implements AutoCloseable {

  public static final String USER = "corslint";
  public static final String PASSWORD = "live";

  /** The security auto-configuration, switched off for applications whose build has no security starter. */
  private static final String SECURITY_AUTOCONFIG = String.join(",",
      "org.springframework.boot.autoconfigure.security.servlet.SecurityAutoConfiguration",
      "org.springframework.boot.autoconfigure.security.servlet.UserDetailsServiceAutoConfiguration",
      "org.springframework.boot.autoconfigure.security.servlet.SecurityFilterAutoConfiguration");

  private final Path classes;
  private final URLClassLoader loader;
  private Object context;
  private int port;
  private Throwable startupFailure;

  private LiveSpringApp(Path classes, URLClassLoader loader) {
    this.classes = classes;
    this.loader = loader;
  }

  public static boolean available() {
    try {
      Class.forName("org.springframework.boot.SpringApplication");
      return ToolProvider.getSystemJavaCompiler() != null;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }

  /** Compiles the application's sources and copies its resources; throws with javac's output when it fails. */
  public static LiveSpringApp compile(Path app) throws IOException {
    Path out = Files.createTempDirectory("corslint-spring-live");
    List<String> sources = new ArrayList<>();
    try (Stream<Path> s = Files.walk(app.resolve("src/main/java"))) {
      s.filter(p -> p.toString().endsWith(".java")).forEach(p -> sources.add(p.toString()));
    }
    List<String> args = new ArrayList<>(List.of("-d", out.toString(), "-classpath", testClassPath(), "-parameters",
        "-proc:none", "-nowarn", "--release", "17"));
    args.addAll(sources);
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    java.io.ByteArrayOutputStream log = new java.io.ByteArrayOutputStream();
    int rc = javac.run(null, log, log, args.toArray(String[]::new));
    if (rc != 0) throw new IOException("javac failed for " + app.getFileName() + ":\n" + log);
    Path resources = app.resolve("src/main/resources");
    if (Files.isDirectory(resources)) {
      try (Stream<Path> s = Files.walk(resources)) {
        for (Path p : s.filter(Files::isRegularFile).toList()) {
          Path target = out.resolve(resources.relativize(p).toString());
          Files.createDirectories(target.getParent());
          Files.copy(p, target);
        }
      }
    }
    URLClassLoader loader = new URLClassLoader(new URL[] {out.toUri().toURL()}, LiveSpringApp.class.getClassLoader());
    return new LiveSpringApp(out, loader);
  }

  /**
   * Starts the application. A failure to start is kept, not thrown: for {@code *} with credentials on
   * {@code @CrossOrigin} it is the expected outcome.
   */
  public void start(String mainClass, String profile, boolean security, List<String> extraArgs) throws ReflectiveOperationException {
    List<String> args = new ArrayList<>(List.of(
        "--server.port=0", "--server.address=127.0.0.1", "--spring.main.banner-mode=off", "--logging.level.root=OFF",
        "--spring.jmx.enabled=false", "--spring.security.user.name=" + USER, "--spring.security.user.password=" + PASSWORD));
    if (profile != null) args.add("--spring.profiles.active=" + profile);
    if (!security) args.add("--spring.autoconfigure.exclude=" + SECURITY_AUTOCONFIG);
    args.addAll(extraArgs);
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(loader);
    try {
      Class<?> main = loader.loadClass(mainClass);
      Class<?> resourceLoaderType = loader.loadClass("org.springframework.core.io.ResourceLoader");
      Object resourceLoader = loader.loadClass("org.springframework.core.io.DefaultResourceLoader")
          .getConstructor(ClassLoader.class).newInstance(loader);
      Class<?> appType = loader.loadClass("org.springframework.boot.SpringApplication");
      Object app = appType.getConstructor(resourceLoaderType, Class[].class).newInstance(resourceLoader, new Class<?>[] {main});
      appType.getMethod("setRegisterShutdownHook", boolean.class).invoke(app, false);
      try {
        context = appType.getMethod("run", String[].class).invoke(app, (Object) args.toArray(String[]::new));
      } catch (java.lang.reflect.InvocationTargetException e) {
        startupFailure = e.getCause();
        return;
      }
      Object env = context.getClass().getMethod("getEnvironment").invoke(context);
      Method getProperty = env.getClass().getMethod("getProperty", String.class);
      port = Integer.parseInt((String) getProperty.invoke(env, "local.server.port"));
    } finally {
      thread.setContextClassLoader(previous);
    }
  }

  public boolean started() {
    return context != null;
  }

  public Throwable startupFailure() {
    return startupFailure;
  }

  /** The innermost cause of the startup failure, as "Type: message". */
  public String rootCause() {
    Throwable t = startupFailure;
    while (t != null && t.getCause() != null && t.getCause() != t) t = t.getCause();
    return t == null ? "" : t.getClass().getSimpleName() + ": " + t.getMessage();
  }

  public int port() {
    return port;
  }

  @Override
  public void close() {
    try {
      if (context != null) context.getClass().getMethod("close").invoke(context);
    } catch (ReflectiveOperationException e) {
      // the context is gone with the class loader
    }
    try {
      loader.close();
    } catch (IOException e) {
      // best effort
    }
    try (Stream<Path> s = Files.walk(classes)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
    } catch (IOException e) {
      // best effort
    }
  }

  /** The test class path, with the Class-Path of a manifest-only jar (Surefire's booter) spelled out. */
  static String testClassPath() {
    Set<String> out = new LinkedHashSet<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      out.add(entry);
      if (!entry.toLowerCase(Locale.ROOT).endsWith(".jar")) continue;
      try (JarFile jar = new JarFile(entry)) {
        Manifest m = jar.getManifest();
        String cp = m == null ? null : m.getMainAttributes().getValue("Class-Path");
        if (cp == null) continue;
        for (String u : cp.split(" ")) {
          if (u.isBlank()) continue;
          try {
            out.add(Path.of(new java.net.URI(u.startsWith("file:") ? u : new File(entry).getParentFile().toURI().resolve(u).toString())).toString());
          } catch (java.net.URISyntaxException | IllegalArgumentException e) {
            // not a file entry
          }
        }
      } catch (IOException e) {
        // not a jar we can read
      }
    }
    return String.join(File.pathSeparator, out);
  }
}
