package dev.corslint.topology;

import dev.corslint.model.Notice;
import dev.corslint.model.SourceFile;
import dev.corslint.model.SourceSpan;
import dev.corslint.model.UntrustedYaml;
import dev.corslint.model.SourceTree;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * The services of the repository's Docker Compose files: which directory each one builds and which ports it
 * uses. YAML is only composed into nodes (never constructed into objects), under the alias and size limits
 * the Spring configuration reader uses, and only the few keys linking needs are visited.
 */
final class ComposeFiles {

  static final Set<String> NAMES = Set.of("compose.yaml", "compose.yml", "docker-compose.yml", "docker-compose.yaml");

  /** {@code "8080:3000"}, {@code "127.0.0.1:8080:3000/tcp"}, {@code "3000"}: the container port is the last. */
  private static final Pattern PORT = Pattern.compile("(?:.*:)?(\\d{1,5})(?:-\\d{1,5})?(?:/(?:tcp|udp))?");

  /**
   * A server's port on its command line: gunicorn {@code --bind 0.0.0.0:8000} / {@code -b :8000}, Django
   * {@code runserver 0.0.0.0:8000} or {@code runserver 8000}, uvicorn and others {@code --port 8000}.
   */
  private static final Pattern COMMAND_PORT = Pattern.compile(
      "(?:(?:--bind|-b)[= ]+\\S*:|runserver\\s+(?:\\S*:)?|--port[= ]+)(\\d{1,5})\\b");

  private ComposeFiles() {}

  /** Every service of every compose file in {@code tree}; unreadable files become notices. */
  static List<ComposeService> read(SourceTree tree, List<Notice> notices) {
    List<ComposeService> out = new ArrayList<>();
    for (SourceFile f : tree.files()) {
      if (!NAMES.contains(f.fileName().toLowerCase(Locale.ROOT))) continue;
      Optional<String> text = tree.read(f, notices);
      text.ifPresent(t -> out.addAll(services(f.relative(), t, notices)));
    }
    return out;
  }

  static List<ComposeService> services(String file, String text, List<Notice> notices) {
    List<ComposeService> out = new ArrayList<>();
    try {
      Node root = UntrustedYaml.reader().compose(new StringReader(text));
      Node services = value(root, "services");
      if (!(services instanceof MappingNode map)) return out;
      String dir = file.contains("/") ? file.substring(0, file.lastIndexOf('/')) : "";
      for (NodeTuple t : map.getValue()) {
        if (!(t.getKeyNode() instanceof ScalarNode key)) continue;
        out.add(service(file, dir, key, t.getValueNode()));
      }
    } catch (MarkedYAMLException e) {
      Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
      notices.add(Notice.warning("cannot parse this compose file (" + (e.getProblem() == null ? "invalid YAML"
          : e.getProblem()) + "); its services are not linked to proxies",
          mark == null ? SourceSpan.file(file) : SourceSpan.at(file, mark.getLine() + 1, mark.getColumn() + 1)));
    } catch (RuntimeException | StackOverflowError e) {
      boolean aliases = String.valueOf(e.getMessage()).contains("aliases");
      notices.add(Notice.warning((aliases ? "refused: this compose file uses too many aliases (an alias bomb?)"
          : "cannot parse this compose file (" + e.getClass().getSimpleName() + ")")
          + "; its services are not linked to proxies", SourceSpan.file(file)));
    }
    return out;
  }

  private static ComposeService service(String file, String dir, ScalarNode key, Node body) {
    SourceSpan span = SourceSpan.at(file, key.getStartMark().getLine() + 1, key.getStartMark().getColumn() + 1);
    Node build = value(body, "build");
    String context = build instanceof ScalarNode s ? s.getValue()
        : value(build, "context") instanceof ScalarNode s ? s.getValue() : null;
    List<Integer> ports = new ArrayList<>();
    for (String k : List.of("ports", "expose")) {
      if (!(value(body, k) instanceof SequenceNode seq)) continue;
      for (Node item : seq.getValue()) {
        String p = item instanceof ScalarNode s ? s.getValue()
            : value(item, "target") instanceof ScalarNode s ? s.getValue() : null;
        Integer port = p == null ? null : port(p);
        if (port != null && !ports.contains(port)) ports.add(port);
      }
    }
    Node command = value(body, "command");
    String commandLine = command instanceof ScalarNode s ? s.getValue() : null;
    if (command instanceof SequenceNode seq) {
      StringBuilder b = new StringBuilder();
      for (Node n : seq.getValue()) if (n instanceof ScalarNode s) b.append(s.getValue()).append(' ');
      commandLine = b.toString();
    }
    Integer commandPort = null;
    if (commandLine != null) {
      Matcher m = COMMAND_PORT.matcher(commandLine);
      if (m.find()) commandPort = port(m.group(1));
    }
    if (commandPort != null && !ports.contains(commandPort)) ports.add(commandPort);
    return new ComposeService(key.getValue(), context == null ? null : resolve(dir, context), ports,
        environmentPort(value(body, "environment")), span);
  }

  private static Integer environmentPort(Node env) {
    String text = null;
    if (env instanceof MappingNode m) {
      text = value(m, "PORT") instanceof ScalarNode s ? s.getValue() : null;
    } else if (env instanceof SequenceNode seq) {
      for (Node n : seq.getValue()) {
        if (n instanceof ScalarNode s && s.getValue().startsWith("PORT=")) text = s.getValue().substring(5);
      }
    }
    return text == null || !text.strip().matches("\\d{1,5}") ? null : Integer.parseInt(text.strip());
  }

  private static Integer port(String text) {
    Matcher m = PORT.matcher(text.strip());
    if (!m.matches()) return null;
    int p = Integer.parseInt(m.group(1));
    return p >= 1 && p <= 65535 ? p : null;
  }

  /** {@code context} relative to the compose file's directory, normalized; null when it leaves the root. */
  private static String resolve(String dir, String context) {
    if (context.contains("://") || context.startsWith("/")) return null;
    List<String> parts = new ArrayList<>();
    for (String p : (dir.isEmpty() ? context : dir + "/" + context).split("/")) {
      if (p.isEmpty() || p.equals(".")) continue;
      if (p.equals("..")) {
        if (parts.isEmpty()) return null;
        parts.remove(parts.size() - 1);
      } else {
        parts.add(p);
      }
    }
    return String.join("/", parts);
  }

  private static Node value(Node node, String key) {
    if (!(node instanceof MappingNode map)) return null;
    for (NodeTuple t : map.getValue()) {
      if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) return t.getValueNode();
    }
    return null;
  }
}
