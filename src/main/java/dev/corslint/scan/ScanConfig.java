package dev.corslint.scan;

import dev.corslint.model.Notice;
import dev.corslint.model.SourceSpan;
import dev.corslint.model.UntrustedYaml;
import dev.corslint.rules.Level;
import dev.corslint.rules.OriginSyntax;
import dev.corslint.rules.RuleSettings;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * {@code .corslint.yml}: public paths, trusted and development origins, rule levels, excluded files. The
 * file is read as a YAML node tree so that every problem (an unknown key, a wrong type, a level that does
 * not exist, a rule id that does not exist, an origin that can never match) becomes a notice with the file
 * and line; what is wrong is ignored and the rest applies. A malformed file never stops the scan.
 */
public record ScanConfig(RuleSettings settings, Map<String, Optional<Level>> ruleLevels, List<String> exclude) {

  public static final String FILE_NAME = ".corslint.yml";

  static final String PUBLIC_PATHS = "public-paths";
  static final String TRUSTED_ORIGINS = "trusted-origins";
  static final String DEVELOPMENT_ORIGINS = "development-origins";
  static final String RULES = "rules";
  static final String EXCLUDE = "exclude";
  static final List<String> KEYS = List.of(PUBLIC_PATHS, TRUSTED_ORIGINS, DEVELOPMENT_ORIGINS, RULES, EXCLUDE);

  public ScanConfig {
    exclude = List.copyOf(exclude);
  }

  public static ScanConfig defaults() {
    return new ScanConfig(RuleSettings.defaults(), Map.of(), List.of());
  }

  /** Reads {@code file} without checking rule ids; problems become notices. */
  public static ScanConfig load(Path file, String displayName, List<Notice> notices) {
    return load(file, displayName, null, notices);
  }

  /**
   * Reads {@code file}; problems become notices.
   *
   * @param knownRules the rule ids a {@code rules:} entry may name, or null to accept any
   */
  public static ScanConfig load(Path file, String displayName, Set<String> knownRules, List<Notice> notices) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException | RuntimeException e) {
      notices.add(Notice.error("configuration not read, defaults apply: " + e.getMessage(), SourceSpan.file(displayName)));
      return defaults();
    }
    return parse(text, displayName, knownRules, notices);
  }

  /** Reads configuration text; problems become notices. */
  public static ScanConfig parse(String text, String displayName, Set<String> knownRules, List<Notice> notices) {
    return new Reader(displayName, knownRules, notices).read(text);
  }

  /** Whether a file (relative path) is excluded by configuration. Compiles the globs: prefer {@link #selection()}. */
  public boolean excludes(String relative) {
    return selection().excludes(relative);
  }

  /** The configured exclusions as a file selection; globs that are not valid were reported on load and are left out. */
  public FileSelection selection() {
    List<String> valid = exclude.stream().filter(g -> FileSelection.problem(g).isEmpty()).toList();
    return new FileSelection(List.of(), valid);
  }

  /** Walks the node tree; knows the schema. */
  private static final class Reader {
    private final String file;
    private final Set<String> knownRules;
    private final List<Notice> notices;

    Reader(String file, Set<String> knownRules, List<Notice> notices) {
      this.file = file;
      this.knownRules = knownRules;
      this.notices = notices;
    }

    ScanConfig read(String text) {
      Node root;
      try {
        // duplicate keys are kept and reported below with their lines instead of failing the file
        root = UntrustedYaml.reader().compose(new StringReader(text));
      } catch (MarkedYAMLException e) {
        Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
        notices.add(Notice.error("configuration not read, defaults apply: " + firstLine(e.getProblem()),
            mark == null ? SourceSpan.file(file) : at(mark, mark)));
        return defaults();
      } catch (YAMLException | IllegalArgumentException e) {
        notices.add(Notice.error("configuration not read, defaults apply: " + firstLine(e.getMessage()),
            SourceSpan.file(file)));
        return defaults();
      }
      if (root == null || isNull(root)) return defaults();
      if (!(root instanceof MappingNode map)) {
        notices.add(Notice.error("configuration must be a mapping of keys such as 'rules' and 'exclude'; defaults apply",
            span(root)));
        return defaults();
      }
      List<Item> publicPaths = List.of();
      List<Item> trusted = List.of();
      List<Item> development = List.of();
      List<Item> exclude = List.of();
      Map<String, Optional<Level>> levels = new LinkedHashMap<>();
      Set<String> seen = new HashSet<>();
      for (NodeTuple entry : map.getValue()) {
        if (!(entry.getKeyNode() instanceof ScalarNode keyNode)) {
          warn("configuration keys are names such as 'rules'; this entry is ignored", entry.getKeyNode());
          continue;
        }
        String key = keyNode.getValue();
        if (!seen.add(key)) warn("'" + key + "' appears more than once; the last one applies", keyNode);
        Node value = entry.getValueNode();
        switch (key) {
          case PUBLIC_PATHS -> publicPaths = publicPaths(strings(key, value));
          case TRUSTED_ORIGINS -> trusted = origins(key, strings(key, value));
          case DEVELOPMENT_ORIGINS -> development = origins(key, strings(key, value));
          case EXCLUDE -> exclude = globs(key, strings(key, value));
          case RULES -> levels = levels(value);
          default -> warn("unknown configuration key '" + key + "' ignored" + suggestion(key, KEYS)
              + " (known keys: " + String.join(", ", KEYS) + ")", keyNode);
        }
      }
      return new ScanConfig(new RuleSettings(values(publicPaths), values(trusted), values(development)), levels,
          values(exclude));
    }

    /** A list of strings; a single string is a list of one. */
    private List<Item> strings(String key, Node node) {
      List<Item> out = new ArrayList<>();
      if (isNull(node)) return out;
      if (node instanceof ScalarNode s) {
        out.add(new Item(s.getValue(), s));
      } else if (node instanceof SequenceNode seq) {
        for (Node item : seq.getValue()) {
          if (item instanceof ScalarNode s && !isNull(s)) {
            out.add(new Item(s.getValue(), s));
          } else {
            warn("'" + key + "' entries must be strings; this entry is ignored", item);
          }
        }
      } else {
        warn("'" + key + "' must be a list of strings, such as [\"a\", \"b\"]; ignored", node);
      }
      return out;
    }

    private List<Item> publicPaths(List<Item> items) {
      List<Item> out = new ArrayList<>();
      for (Item item : items) {
        Optional<String> problem = FileSelection.problem(item.value());
        if (problem.isPresent()) {
          warn("'" + PUBLIC_PATHS + "': '" + item.value() + "' is " + problem.get() + "; ignored", item.node());
          continue;
        }
        if (!item.value().startsWith("/") && !item.value().startsWith("*")) {
          warn("'" + PUBLIC_PATHS + "': '" + item.value() + "' is not a request path, which starts with '/'"
              + " (did you mean '/" + item.value() + "'?)", item.node());
        }
        out.add(item);
      }
      return out;
    }

    private List<Item> origins(String key, List<Item> items) {
      for (Item item : items) {
        Optional<OriginSyntax.Problem> problem = OriginSyntax.check(item.value(), false);
        if (problem.isPresent()) {
          String fix = problem.get().corrected() == null ? "" : " (did you mean '" + problem.get().corrected() + "'?)";
          warn("'" + key + "': '" + item.value() + "' " + problem.get().what()
              + ", so it never equals the Origin a browser sends" + fix, item.node());
        }
      }
      return items;
    }

    private List<Item> globs(String key, List<Item> items) {
      List<Item> out = new ArrayList<>();
      for (Item item : items) {
        Optional<String> problem = FileSelection.problem(item.value());
        if (problem.isPresent()) {
          warn("'" + key + "': '" + item.value() + "' is " + problem.get() + "; ignored", item.node());
        } else {
          out.add(item);
        }
      }
      return out;
    }

    private Map<String, Optional<Level>> levels(Node node) {
      Map<String, Optional<Level>> levels = new LinkedHashMap<>();
      if (isNull(node)) return levels;
      if (!(node instanceof MappingNode map)) {
        warn("'rules' must map rule ids to off, note, warning or error; ignored", node);
        return levels;
      }
      for (NodeTuple entry : map.getValue()) {
        if (!(entry.getKeyNode() instanceof ScalarNode keyNode)) {
          warn("'rules' keys are rule ids; this entry is ignored", entry.getKeyNode());
          continue;
        }
        String id = keyNode.getValue();
        if (knownRules != null && !knownRules.contains(id)) {
          warn("unknown rule '" + id + "' ignored" + suggestion(id, knownRules)
              + "; 'corslint rules' lists the rule ids", keyNode);
          continue;
        }
        Node value = entry.getValueNode();
        String level = value instanceof ScalarNode s ? s.getValue().strip().toLowerCase(Locale.ROOT) : null;
        if (level == null) {
          warn("rule '" + id + "': the level must be off, note, warning or error; ignored", value);
          continue;
        }
        switch (level) {
          // Unquoted 'off' is a YAML 1.1 boolean; the scalar's text is read, so both spellings work.
          case "off", "false" -> levels.put(id, Optional.empty());
          case "error", "warning", "note" -> levels.put(id, Optional.of(Level.parse(level)));
          default -> warn("rule '" + id + "': level '" + s(value) + "' is not off, note, warning or error; ignored",
              value);
        }
      }
      return levels;
    }

    private void warn(String message, Node node) {
      notices.add(Notice.warning(message, span(node)));
    }

    private SourceSpan span(Node node) {
      return at(node.getStartMark(), node.getEndMark());
    }

    private SourceSpan at(Mark start, Mark end) {
      if (start == null) return SourceSpan.file(file);
      int line = start.getLine() + 1;
      int column = start.getColumn() + 1;
      boolean sameLine = end != null && end.getLine() == start.getLine();
      return new SourceSpan(file, line, column, line, sameLine ? end.getColumn() + 1 : column);
    }
  }

  /** A configured string with the node it came from, for notices about it. */
  private record Item(String value, Node node) {}

  private static List<String> values(List<Item> items) {
    return items.stream().map(Item::value).toList();
  }

  private static boolean isNull(Node node) {
    return node instanceof ScalarNode s && Tag.NULL.equals(s.getTag());
  }

  private static String s(Node node) {
    return node instanceof ScalarNode s ? s.getValue() : node.getNodeId().name();
  }

  /** " (did you mean 'x'?)" for a near miss: other separators or case, or one or two letters off. */
  static String suggestion(String typed, Collection<String> known) {
    String plain = typed.toLowerCase(Locale.ROOT).replaceAll("[-_ .]", "");
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : known) {
      String c = candidate.toLowerCase(Locale.ROOT).replaceAll("[-_ .]", "");
      int d = c.equals(plain) ? 0 : distance(plain, c);
      if (d < bestDistance) {
        bestDistance = d;
        best = candidate;
      }
    }
    return best != null && bestDistance <= Math.max(1, Math.min(2, typed.length() / 4))
        ? " (did you mean '" + best + "'?)"
        : "";
  }

  /** Edits between two words, a swap of neighbours counting as one (the commonest typo). */
  private static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) d[i][0] = i;
    for (int j = 0; j <= b.length(); j++) d[0][j] = j;
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }

  private static String firstLine(String s) {
    return s == null ? "" : s.strip().lines().findFirst().orElse("");
  }
}
