package dev.corslint.scan;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.PatternSyntaxException;

/**
 * Which files below the scan root are entry points, by include and exclude globs relative to the root
 * ({@code .corslint.yml} {@code exclude}, the CLI's {@code --include}/{@code --exclude}, the Maven goal's
 * {@code includes}/{@code excludes}). A glob matches a file or any of its folders, so {@code legacy},
 * {@code legacy/} and {@code legacy/**} all exclude everything below {@code legacy}; a leading {@code **}/
 * also matches at the root. Selection only decides where scanning starts: an nginx {@code include} may still
 * read an excluded file.
 */
public final class FileSelection {

  private static final FileSelection ALL = new FileSelection(List.of(), List.of());

  private final List<String> includes;
  private final List<String> excludes;
  private final List<Glob> includeGlobs;
  private final List<Glob> excludeGlobs;

  /** @throws IllegalArgumentException naming the first glob that is not valid */
  public FileSelection(List<String> includes, List<String> excludes) {
    this.includes = includes == null ? List.of() : List.copyOf(includes);
    this.excludes = excludes == null ? List.of() : List.copyOf(excludes);
    this.includeGlobs = compile(this.includes);
    this.excludeGlobs = compile(this.excludes);
  }

  public static FileSelection all() {
    return ALL;
  }

  public List<String> includes() {
    return includes;
  }

  public List<String> excludes() {
    return excludes;
  }

  /** The same includes, with more excludes. */
  public FileSelection excluding(List<String> more) {
    List<String> all = new ArrayList<>(excludes);
    all.addAll(more);
    return new FileSelection(includes, all);
  }

  /** Whether {@code relative} (a path below the root, '/'-separated) is included and not excluded. */
  public boolean selects(String relative) {
    return (includeGlobs.isEmpty() || matchesAny(includeGlobs, relative)) && !matchesAny(excludeGlobs, relative);
  }

  /** Whether {@code relative} is excluded, ignoring the includes. */
  public boolean excludes(String relative) {
    return matchesAny(excludeGlobs, relative);
  }

  /** Why {@code glob} cannot be used, if it cannot. */
  public static Optional<String> problem(String glob) {
    if (glob == null || glob.isBlank()) return Optional.of("an empty pattern matches nothing");
    try {
      new Glob(glob);
      return Optional.empty();
    } catch (PatternSyntaxException e) {
      return Optional.of("not a valid glob: " + e.getDescription());
    }
  }

  private static List<Glob> compile(List<String> globs) {
    List<Glob> out = new ArrayList<>();
    for (String g : globs) {
      Optional<String> problem = problem(g);
      if (problem.isPresent()) {
        throw new IllegalArgumentException("'" + g + "': " + problem.get());
      }
      out.add(new Glob(g));
    }
    return List.copyOf(out);
  }

  private static boolean matchesAny(List<Glob> globs, String relative) {
    if (globs.isEmpty()) return false;
    Path file = Path.of(relative);
    for (Glob g : globs) {
      // The file itself, then each folder it sits in.
      for (Path p = file; p != null; p = p.getParent()) {
        if (g.matches(p)) return true;
      }
    }
    return false;
  }

  private static final class Glob {
    private final PathMatcher matcher;
    /** For {@code **}/x: x at the root, which the JDK's glob does not match. */
    private final PathMatcher atRoot;

    Glob(String text) {
      // A backslash escapes the glob's special characters, as in the JDK's glob syntax; separators are '/'.
      String g = text.strip();
      while (g.startsWith("./")) g = g.substring(2);
      while (g.startsWith("/")) g = g.substring(1);
      if (g.endsWith("/")) g = g + "**";
      if (g.isEmpty()) g = "**";
      matcher = FileSystems.getDefault().getPathMatcher("glob:" + g);
      atRoot = g.startsWith("**/") ? FileSystems.getDefault().getPathMatcher("glob:" + g.substring(3)) : null;
    }

    boolean matches(Path p) {
      return matcher.matches(p) || (atRoot != null && atRoot.matches(p));
    }
  }
}
