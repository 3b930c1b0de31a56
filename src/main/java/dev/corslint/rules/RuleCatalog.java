package dev.corslint.rules;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** Every rule's metadata, read from the {@code rules/*.yml} files on the class path, sorted by id. */
public final class RuleCatalog {

  private static final String FOLDER = "rules";

  private final Map<String, RuleMetadata> rules;
  private final Map<String, List<String>> replaces;
  private final Map<String, Boolean> replacesOnLineOnly;

  private RuleCatalog(Map<String, RuleMetadata> rules, Map<String, List<String>> replaces,
      Map<String, Boolean> replacesOnLineOnly) {
    this.rules = rules;
    this.replaces = replaces;
    this.replacesOnLineOnly = replacesOnLineOnly;
  }

  private static volatile RuleCatalog bundled;

  /** The catalog shipped with corslint. */
  public static RuleCatalog bundled() {
    RuleCatalog c = bundled;
    if (c == null) {
      synchronized (RuleCatalog.class) {
        if (bundled == null) bundled = loadFromClassPath();
        c = bundled;
      }
    }
    return c;
  }

  public Collection<RuleMetadata> all() {
    return rules.values();
  }

  public Optional<RuleMetadata> get(String id) {
    return Optional.ofNullable(rules.get(id));
  }

  /** Rule ids whose findings {@code id} replaces for the same cause in the same scope. */
  public List<String> replaces(String id) {
    return replaces.getOrDefault(id, List.of());
  }

  /**
   * Whether {@code id} replaces other findings only on its own line ({@code replaces-on: line}: the same value
   * explained twice) rather than in its whole scope ({@code replaces-on: scope}, the default: one cause
   * showing up on other lines, like the parent block an nginx block drops).
   */
  public boolean replacesOnLineOnly(String id) {
    return replacesOnLineOnly.getOrDefault(id, false);
  }

  public Map<String, RuleMetadata> asMap() {
    return rules;
  }

  private static RuleCatalog loadFromClassPath() {
    URL url = RuleCatalog.class.getClassLoader().getResource(FOLDER);
    if (url == null) throw new IllegalStateException("rule metadata folder '" + FOLDER + "' missing from the class path");
    try {
      if (url.openConnection() instanceof JarURLConnection jar) {
        // The jar's entry list, which the class loader has already read: opening it as a file system would
        // index all of its thousands of entries again at every start.
        jar.setUseCaches(true);
        JarFile file = jar.getJarFile();
        Map<String, byte[]> texts = new TreeMap<>();
        String prefix = FOLDER.endsWith("/") ? FOLDER : FOLDER + "/";
        for (JarEntry e : Collections.list(file.entries())) {
          String name = e.getName();
          if (!name.startsWith(prefix) || !name.endsWith(".yml") || name.indexOf('/', prefix.length()) >= 0) continue;
          try (InputStream in = file.getInputStream(e)) {
            texts.put(name.substring(prefix.length()), in.readAllBytes());
          }
        }
        return load(texts);
      }
      return load(Path.of(url.toURI()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Reads every {@code *.yml} in {@code folder}. A malformed file is a build error, so this throws. */
  public static RuleCatalog load(Path folder) throws IOException {
    List<Path> files;
    try (Stream<Path> s = Files.list(folder)) {
      files = s.filter(p -> p.getFileName().toString().endsWith(".yml")).toList();
    }
    Map<String, byte[]> texts = new TreeMap<>();
    for (Path f : files) texts.put(f.getFileName().toString(), Files.readAllBytes(f));
    return load(texts);
  }

  /** The catalog of rule files by file name, in name order. */
  private static RuleCatalog load(Map<String, byte[]> texts) {
    Map<String, RuleMetadata> rules = new LinkedHashMap<>();
    Map<String, List<String>> replaces = new LinkedHashMap<>();
    Map<String, Boolean> lineOnly = new LinkedHashMap<>();
    Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
    for (Map.Entry<String, byte[]> t : texts.entrySet()) {
      Map<String, Object> doc = yaml.load(new String(t.getValue(), StandardCharsets.UTF_8));
      String file = t.getKey();
      RuleMetadata m = parse(doc, file);
      rules.put(m.id(), m);
      replaces.put(m.id(), strings(doc.get("replaces")));
      Object on = doc.getOrDefault("replaces-on", "scope");
      if (!"line".equals(on) && !"scope".equals(on)) {
        throw new IllegalStateException(file + ": replaces-on must be line or scope, not '" + on + "'");
      }
      lineOnly.put(m.id(), "line".equals(on));
    }
    return new RuleCatalog(rules, replaces, lineOnly);
  }

  private static RuleMetadata parse(Map<String, Object> doc, String file) {
    if (doc == null) throw new IllegalStateException(file + ": empty rule file");
    String id = required(doc, "id", file);
    if (!file.equals(id + ".yml")) throw new IllegalStateException(file + ": id '" + id + "' does not match the file name");
    String category = required(doc, "category", file);
    Optional<String> severity = Optional.ofNullable(doc.get("security-severity")).map(Object::toString);
    if ("security".equals(category) && severity.isEmpty()) {
      throw new IllegalStateException(file + ": security rules need security-severity");
    }
    return new RuleMetadata(
        id,
        required(doc, "name", file),
        required(doc, "title", file),
        required(doc, "short-description", file).trim(),
        required(doc, "full-description", file).trim(),
        Level.parse(required(doc, "level", file)),
        Optional.ofNullable(doc.get("level-without-credentials")).map(Object::toString).map(Level::parse),
        category,
        severity,
        required(doc, "precision", file),
        strings(doc.get("tags")),
        strings(doc.get("ecosystems")),
        required(doc, "help", file).trim());
  }

  private static String required(Map<String, Object> doc, String key, String file) {
    Object v = doc.get(key);
    if (v == null || v.toString().isBlank()) throw new IllegalStateException(file + ": missing '" + key + "'");
    return v.toString();
  }

  private static List<String> strings(Object o) {
    List<String> out = new ArrayList<>();
    if (o instanceof List<?> l) for (Object x : l) out.add(String.valueOf(x));
    else if (o != null) out.add(o.toString());
    return List.copyOf(out);
  }
}
