package dev.corslint.ecosystems.nginx;

import dev.corslint.model.Notice;
import dev.corslint.model.SourceFile;
import dev.corslint.model.SourceSpan;
import dev.corslint.model.SourceTree;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Expands {@code include} the way nginx does, in place and in order, so that included directives are read in
 * the including context. Relative paths start at the configuration prefix (the directory of the entry
 * file, or its parent when the entry sits in {@code conf.d/} or {@code sites-enabled/}), then the including
 * file's directory. Absolute paths ({@code /etc/nginx/conf.d/*.conf}) are mapped onto the repository when
 * it holds the same tail next to the entry file. Loops, paths outside the scan root, missing files and
 * nesting deeper than {@link #MAX_DEPTH} are refused with a notice.
 */
public final class NginxIncludeResolver {

  static final int MAX_DEPTH = 16;

  /** Installation prefixes whose own files ({@code /etc/nginx/mime.types}) sit next to the entry file. */
  private static final Set<String> CONFIG_PREFIXES = Set.of("/etc/nginx", "/usr/local/nginx/conf",
      "/usr/local/etc/nginx", "/opt/nginx/conf", "/etc/openresty", "/usr/local/openresty/nginx/conf",
      "/opt/homebrew/etc/nginx");

  /**
   * The directives of an entry file with every include replaced by the included directives.
   *
   * @param reached every file read through an include
   * @param notices problems met while resolving
   */
  public record Expansion(List<Directive> directives, Set<SourceFile> reached, List<Notice> notices) {}

  private final SourceTree tree;
  private final Function<SourceFile, ParsedFile> reader;

  /**
   * @param reader reads and parses a file (cached by the caller); null when it cannot be read
   */
  public NginxIncludeResolver(SourceTree tree, Function<SourceFile, ParsedFile> reader) {
    this.tree = tree;
    this.reader = reader;
  }

  public Expansion expand(SourceFile entry, List<Directive> directives) {
    Context ctx = new Context(entry);
    Deque<SourceFile> stack = new ArrayDeque<>();
    stack.push(entry);
    List<Directive> out = expand(directives, stack, ctx, 0);
    return new Expansion(out, ctx.reached, ctx.notices);
  }

  private static final class Context {
    final SourceFile entry;
    final String prefix;
    final Set<SourceFile> reached = new LinkedHashSet<>();
    final List<Notice> notices = new ArrayList<>();

    Context(SourceFile entry) {
      this.entry = entry;
      this.prefix = NginxEntryPoints.prefixDirectory(entry.relative());
    }
  }

  private List<Directive> expand(List<Directive> ds, Deque<SourceFile> stack, Context ctx, int depth) {
    List<Directive> out = new ArrayList<>();
    for (Directive d : ds) {
      if (d.is("include") && !d.hasBlock()) {
        if (d.args().size() != 1) {
          ctx.notices.add(Notice.warning("include takes one path; not followed", d.span()));
          continue;
        }
        for (SourceFile f : resolve(d.arg(0), stack.peek(), ctx, d.span())) {
          if (stack.contains(f)) {
            ctx.notices.add(Notice.warning("include loop " + cycle(stack, f) + "; not followed", d.span()));
            continue;
          }
          if (stack.size() > MAX_DEPTH) {
            ctx.notices.add(Notice.warning("includes nested deeper than " + MAX_DEPTH + " files; \""
                + f.relative() + "\" is not read", d.span()));
            continue;
          }
          ParsedFile parsed = reader.apply(f);
          if (parsed == null) continue;
          ctx.reached.add(f);
          stack.push(f);
          out.addAll(expand(parsed.directives(), stack, ctx, depth));
          stack.pop();
        }
      } else if (d.hasBlock() && !d.rawBlock() && depth < NginxParser.MAX_DEPTH) {
        out.add(d.withBlock(expand(d.block(), stack, ctx, depth + 1)));
      } else {
        out.add(d);
      }
    }
    return out;
  }

  private static String cycle(Deque<SourceFile> stack, SourceFile again) {
    List<String> names = new ArrayList<>();
    List<SourceFile> bottomUp = new ArrayList<>(stack);
    java.util.Collections.reverse(bottomUp);
    boolean in = false;
    for (SourceFile f : bottomUp) {
      if (f.equals(again)) in = true;
      if (in) names.add(f.relative());
    }
    names.add(again.relative());
    return String.join(" -> ", names);
  }

  private List<SourceFile> resolve(String path, SourceFile current, Context ctx, SourceSpan at) {
    if (path.isEmpty()) return List.of();
    boolean glob = path.indexOf('*') >= 0 || path.indexOf('?') >= 0 || path.indexOf('[') >= 0;
    if (path.startsWith("/")) return absolute(path, current, ctx, at, glob);
    Set<String> bases = new LinkedHashSet<>();
    bases.add(ctx.prefix);
    bases.add(NginxEntryPoints.directory(ctx.entry.relative()));
    bases.add(NginxEntryPoints.directory(current.relative()));
    boolean outside = false;
    List<String> looked = new ArrayList<>();
    for (String base : bases) {
      String rel = normalize(join(base, path));
      if (rel == null) {
        outside = true;
        continue;
      }
      looked.add(rel);
      List<SourceFile> found = lookup(rel, glob, at);
      if (!found.isEmpty()) return found;
    }
    if (outside) {
      ctx.notices.add(Notice.warning("include \"" + path + "\" is outside the scan root; not read", at));
    } else if (!glob) {
      String message = "include \"" + path + "\" not found in the repository (looked for "
          + String.join(", ", looked) + ")";
      ctx.notices.add(packaged(path) ? Notice.note(message, at) : Notice.warning(message, at));
    }
    return List.of();
  }

  /** Maps an absolute path onto the repository by its longest tail found next to the entry file. */
  private List<SourceFile> absolute(String path, SourceFile current, Context ctx, SourceSpan at, boolean glob) {
    List<String> parts = new ArrayList<>();
    for (String p : path.split("/")) if (!p.isEmpty() && !p.equals(".")) parts.add(p);
    Set<String> bases = new LinkedHashSet<>();
    bases.add(ctx.prefix);
    bases.add(NginxEntryPoints.directory(ctx.entry.relative()));
    bases.add(NginxEntryPoints.directory(current.relative()));
    for (String b = ctx.prefix; !b.isEmpty(); b = NginxEntryPoints.directory(b)) bases.add(NginxEntryPoints.directory(b));
    for (int drop = 1; drop < parts.size(); drop++) {
      List<String> tail = parts.subList(drop, parts.size());
      if (tail.contains("..")) continue;
      // A bare file name is only trusted when what was dropped is nginx's own configuration directory.
      String dropped = "/" + String.join("/", parts.subList(0, drop));
      boolean bare = tail.size() == 1;
      if (bare && !CONFIG_PREFIXES.contains(dropped)) continue;
      for (String base : bases) {
        if (bare && !base.equals(ctx.prefix)) continue;
        String rel = normalize(join(base, String.join("/", tail)));
        if (rel == null) continue;
        List<SourceFile> found = lookup(rel, glob, at);
        if (!found.isEmpty()) return found;
      }
    }
    String message = "absolute include \"" + path + "\" has no counterpart in the repository next to "
        + ctx.entry.relative() + "; not read";
    // a glob that matches nothing is legal in nginx, and the packaged files carry no CORS configuration
    ctx.notices.add(glob || packaged(path) ? Notice.note(message, at) : Notice.warning(message, at));
    return List.of();
  }

  /** Files every nginx package ships, which a repository rarely copies. */
  private static boolean packaged(String path) {
    String name = path.substring(path.lastIndexOf('/') + 1);
    return PACKAGED_FILES.contains(name) || path.contains("modules-enabled/");
  }

  private static final Set<String> PACKAGED_FILES = Set.of("mime.types", "fastcgi_params", "fastcgi.conf",
      "proxy_params", "uwsgi_params", "scgi_params", "koi-utf", "koi-win", "win-utf", "snakeoil.conf");

  private List<SourceFile> lookup(String rel, boolean glob, SourceSpan at) {
    if (glob) {
      List<SourceFile> found = new ArrayList<>(tree.glob(rel));
      found.sort((a, b) -> a.relative().compareTo(b.relative()));
      return found;
    }
    // Probing several candidate directories: only the caller's summary notice is reported.
    return tree.resolve(rel, at, new ArrayList<>()).map(List::of).orElse(List.of());
  }

  private static String join(String base, String path) {
    return base.isEmpty() ? path : base + "/" + path;
  }

  /** Resolves '.' and '..'; null when the path climbs above the scan root. */
  static String normalize(String path) {
    Deque<String> out = new ArrayDeque<>();
    for (String p : path.split("/")) {
      if (p.isEmpty() || p.equals(".")) continue;
      if (p.equals("..")) {
        if (out.isEmpty()) return null;
        out.removeLast();
      } else {
        out.addLast(p);
      }
    }
    return String.join("/", out);
  }
}
