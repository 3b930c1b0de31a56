package dev.corslint.scan;

import dev.corslint.model.Notice;
import dev.corslint.model.SourceSpan;
import dev.corslint.rules.Level;
import dev.corslint.rules.RuleSettings;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * {@code .corslint.yml}: public paths, trusted and development origins, rule levels, excluded files. A
 * malformed file is a notice and the defaults apply; it never stops the scan.
 */
public record ScanConfig(RuleSettings settings, Map<String, Optional<Level>> ruleLevels, List<String> exclude) {

  public static final String FILE_NAME = ".corslint.yml";

  public static ScanConfig defaults() {
    return new ScanConfig(RuleSettings.defaults(), Map.of(), List.of());
  }

  /** Reads {@code file}; problems become notices. */
  public static ScanConfig load(Path file, String displayName, List<Notice> notices) {
    SourceSpan at = SourceSpan.file(displayName);
    Object doc;
    try {
      doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(file));
    } catch (IOException | YAMLException e) {
      notices.add(Notice.error("configuration not read, defaults apply: " + firstLine(e.getMessage()), at));
      return defaults();
    }
    if (doc == null) return defaults();
    if (!(doc instanceof Map<?, ?> map)) {
      notices.add(Notice.error("configuration must be a mapping; defaults apply", at));
      return defaults();
    }
    Map<String, Optional<Level>> levels = new LinkedHashMap<>();
    if (map.get("rules") instanceof Map<?, ?> rules) {
      for (Map.Entry<?, ?> e : rules.entrySet()) {
        String v = String.valueOf(e.getValue()).toLowerCase(Locale.ROOT);
        switch (v) {
          case "off", "false" -> levels.put(String.valueOf(e.getKey()), Optional.empty());
          case "error", "warning", "note" -> levels.put(String.valueOf(e.getKey()), Optional.of(Level.parse(v)));
          default -> notices.add(Notice.warning(
              "rule '" + e.getKey() + "': level '" + e.getValue() + "' is not off, note, warning or error; ignored", at));
        }
      }
    }
    for (Object key : map.keySet()) {
      if (!List.of("public-paths", "trusted-origins", "development-origins", "rules", "exclude").contains(key)) {
        notices.add(Notice.warning("unknown configuration key '" + key + "' ignored", at));
      }
    }
    return new ScanConfig(
        new RuleSettings(strings(map.get("public-paths")), strings(map.get("trusted-origins")),
            strings(map.get("development-origins"))),
        levels,
        strings(map.get("exclude")));
  }

  /** Whether a file (relative path) is excluded by configuration. */
  public boolean excludes(String relative) {
    for (String glob : exclude) {
      PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + glob);
      if (m.matches(Path.of(relative))) return true;
      if (glob.startsWith("**/") && m.matches(Path.of("x/" + relative))) return true;
    }
    return false;
  }

  private static List<String> strings(Object o) {
    List<String> out = new ArrayList<>();
    if (o instanceof List<?> l) for (Object x : l) out.add(String.valueOf(x));
    else if (o != null) out.add(String.valueOf(o));
    return out;
  }

  private static String firstLine(String s) {
    return s == null ? "" : s.lines().findFirst().orElse("");
  }
}
