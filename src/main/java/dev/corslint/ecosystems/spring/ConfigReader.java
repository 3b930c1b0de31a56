package dev.corslint.ecosystems.spring;

import dev.corslint.model.Notice;
import dev.corslint.model.SourceSpan;
import dev.corslint.model.UntrustedYaml;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.Yaml;
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
 * Reads {@code application*.yml}, {@code application*.yaml} and {@code application*.properties} into documents of
 * canonical keys with the line of every value. YAML is only composed (never constructed into objects) under
 * SnakeYAML's alias limit, and the flattening stops at a node budget, so an alias bomb is refused with a notice.
 */
final class ConfigReader {

  static final Pattern CONFIG_NAME = Pattern.compile("application(?:-([^.]+))?\\.(yml|yaml|properties)");

  /** Flattened values per file; an honest configuration has a few hundred. */
  static final int NODE_BUDGET = 20_000;


  private ConfigReader() {}

  static boolean isConfigFile(String fileName) {
    return CONFIG_NAME.matcher(fileName).matches();
  }

  /** The documents of one configuration file; problems become notices and an empty or partial result. */
  static List<ConfigDocument> read(String file, String fileName, String text, List<Notice> notices) {
    Matcher m = CONFIG_NAME.matcher(fileName);
    String profile = null;
    boolean properties = false;
    if (m.matches()) {
      profile = m.group(1) == null ? null : m.group(1).toLowerCase(Locale.ROOT);
      properties = m.group(2).equals("properties");
    }
    // Precedence: profile-specific files over plain ones, .properties over .yml at the same level.
    int base = (profile != null ? 1000 : 0) + (properties ? 500 : 0) + (file.contains("/config/") ? 200 : 0);
    return properties ? readProperties(file, profile, text, base, notices) : readYaml(file, profile, text, base, notices);
  }

  // ---- YAML ----

  private static List<ConfigDocument> readYaml(String file, String profile, String text, int base, List<Notice> notices) {
    Yaml yaml = UntrustedYaml.reader();
    List<ConfigDocument> out = new ArrayList<>();
    int index = 0;
    try {
      for (Node root : yaml.composeAll(new StringReader(text))) {
        Map<String, Entry> flat = new LinkedHashMap<>();
        int[] budget = {NODE_BUDGET};
        if (root != null) flatten(file, "", root, flat, budget);
        if (budget[0] < 0) {
          notices.add(Notice.warning(
              "refused: this YAML expands to more than " + NODE_BUDGET
                  + " values through anchors and aliases (an alias bomb?); the document was not analysed",
              span(file, root.getStartMark(), root.getStartMark())));
          index++;
          continue;
        }
        out.add(document(file, profile, flat, base + index));
        index++;
      }
    } catch (MarkedYAMLException e) {
      Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
      String why = e.getProblem() == null ? "invalid YAML" : e.getProblem();
      boolean aliases = why.contains("aliases");
      notices.add(Notice.warning(
          (aliases ? "refused: too many aliases (" + why + "), which is how an alias bomb expands; "
              : "cannot parse YAML: " + why + "; ") + "the rest of this file was not analysed",
          mark == null ? SourceSpan.file(file) : span(file, mark, mark)));
    } catch (YAMLException e) {
      String why = String.valueOf(e.getMessage());
      boolean aliases = why.contains("aliases");
      notices.add(Notice.warning(
          (aliases ? "refused: too many aliases (" + firstLine(why) + "), which is how an alias bomb expands; "
              : "cannot parse YAML: " + firstLine(why) + "; ") + "the rest of this file was not analysed",
          SourceSpan.file(file)));
    } catch (RuntimeException | StackOverflowError e) {
      notices.add(Notice.warning("cannot parse YAML: " + e.getClass().getSimpleName() + "; the file was not analysed",
          SourceSpan.file(file)));
    }
    return out;
  }

  private static void flatten(String file, String prefix, Node node, Map<String, Entry> out, int[] budget) {
    if (--budget[0] < 0) return;
    if (node instanceof MappingNode map) {
      List<NodeTuple> merged = new ArrayList<>();
      List<NodeTuple> own = new ArrayList<>();
      for (NodeTuple t : map.getValue()) {
        Node k = t.getKeyNode();
        boolean merge = k.getTag().equals(Tag.MERGE) || (k instanceof ScalarNode s && s.getValue().equals("<<"));
        if (merge) {
          // '<<: *defaults' or '<<: [*a, *b]': the merged keys come first, own keys win
          if (t.getValueNode() instanceof MappingNode m) merged.addAll(m.getValue());
          else if (t.getValueNode() instanceof SequenceNode seq) {
            for (Node n : seq.getValue()) if (n instanceof MappingNode m) merged.addAll(m.getValue());
          }
        } else {
          own.add(t);
        }
      }
      List<NodeTuple> all = new ArrayList<>(merged);
      all.addAll(own);
      for (NodeTuple t : all) {
        if (budget[0] < 0) return;
        if (!(t.getKeyNode() instanceof ScalarNode k)) continue;
        String key = k.getValue();
        String path = prefix.isEmpty() ? key : prefix + "." + key;
        flatten(file, path, t.getValueNode(), out, budget);
      }
      if (map.getValue().isEmpty() && !prefix.isEmpty()) {
        out.put(ConfigDocument.canonical(prefix), new Entry("", span(file, map.getStartMark(), map.getEndMark())));
      }
    } else if (node instanceof SequenceNode seq) {
      int i = 0;
      for (Node item : seq.getValue()) {
        if (budget[0] < 0) return;
        flatten(file, prefix + "[" + i++ + "]", item, out, budget);
      }
    } else if (node instanceof ScalarNode scalar) {
      String value = scalar.getTag().equals(Tag.NULL) ? "" : scalar.getValue();
      out.put(ConfigDocument.canonical(prefix), new Entry(value, span(file, scalar.getStartMark(), scalar.getEndMark())));
    }
  }

  private static SourceSpan span(String file, Mark start, Mark end) {
    if (start == null) return SourceSpan.file(file);
    int line = start.getLine() + 1;
    int col = start.getColumn() + 1;
    int endLine = end == null ? line : end.getLine() + 1;
    int endCol = end == null ? col : end.getColumn() + 1;
    if (endLine > line && end != null && end.getColumn() == 0) {
      // a block scalar or mapping ends at the start of the next line
      endLine = line;
      endCol = col;
    }
    return new SourceSpan(file, line, col, endLine, endCol);
  }

  // ---- .properties ----

  private static List<ConfigDocument> readProperties(String file, String profile, String text, int base, List<Notice> notices) {
    List<ConfigDocument> out = new ArrayList<>();
    Map<String, Entry> current = new LinkedHashMap<>();
    String[] lines = text.split("\r\n|\n|\r", -1);
    int index = 0;
    int i = 0;
    while (i < lines.length) {
      String line = lines[i];
      String stripped = line.strip();
      if (stripped.equals("#---") || stripped.equals("!---")) {
        out.add(document(file, profile, current, base + index++));
        current = new LinkedHashMap<>();
        i++;
        continue;
      }
      if (stripped.isEmpty() || stripped.startsWith("#") || stripped.startsWith("!")) {
        i++;
        continue;
      }
      int first = i;
      StringBuilder logical = new StringBuilder(line);
      while (endsWithContinuation(logical) && i + 1 < lines.length) {
        i++;
        logical.append('\n').append(lines[i]);
      }
      i++;
      Properties one = new Properties();
      try {
        one.load(new StringReader(logical.toString()));
      } catch (IOException | IllegalArgumentException e) {
        notices.add(Notice.note("cannot read this property line: " + e.getMessage(), SourceSpan.at(file, first + 1, 1)));
        continue;
      }
      for (String key : one.stringPropertyNames()) {
        String value = one.getProperty(key);
        int col = valueColumn(lines[first]);
        int endCol = first == i - 1 ? lines[first].stripTrailing().length() + 1 : col;
        SourceSpan at = new SourceSpan(file, first + 1, col, first + 1, Math.max(col, endCol));
        current.put(ConfigDocument.canonical(key), new Entry(value, at));
      }
    }
    out.add(document(file, profile, current, base + index));
    return out;
  }

  private static boolean endsWithContinuation(CharSequence s) {
    int backslashes = 0;
    for (int k = s.length() - 1; k >= 0 && s.charAt(k) == '\\'; k--) backslashes++;
    return backslashes % 2 == 1;
  }

  /** The 1-based column where the value of a {@code key=value} line starts. */
  private static int valueColumn(String line) {
    int k = 0;
    while (k < line.length() && Character.isWhitespace(line.charAt(k))) k++;
    while (k < line.length()) {
      char c = line.charAt(k);
      if (c == '\\') {
        k += 2;
        continue;
      }
      if (c == '=' || c == ':' || Character.isWhitespace(c)) break;
      k++;
    }
    while (k < line.length() && Character.isWhitespace(line.charAt(k))) k++;
    if (k < line.length() && (line.charAt(k) == '=' || line.charAt(k) == ':')) k++;
    while (k < line.length() && Character.isWhitespace(line.charAt(k))) k++;
    return k + 1;
  }

  private static ConfigDocument document(String file, String profile, Map<String, Entry> flat, int precedence) {
    Entry on = flat.get("spring.config.activate.onprofile");
    if (on == null) on = flat.get("spring.profiles");
    String onProfile = on == null || on.text().isBlank() ? null : on.text();
    if (onProfile == null) {
      // a YAML list of profiles
      List<String> names = new ArrayList<>();
      for (int k = 0; flat.containsKey("spring.config.activate.onprofile.[" + k + "]"); k++) {
        names.add(flat.get("spring.config.activate.onprofile.[" + k + "]").text());
      }
      if (!names.isEmpty()) onProfile = String.join(",", names);
    }
    return new ConfigDocument(file, profile, onProfile, flat, precedence);
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
