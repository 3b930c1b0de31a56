package dev.corslint.ecosystems.django;

import dev.corslint.model.SourceFile;
import dev.corslint.model.SourceTree;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Where a Python project starts inside the scan (the folder of {@code manage.py} or of its dependency
 * declarations) and which modules are meant for development only.
 */
public final class ProjectLayout {

  private static final Set<String> ROOT_MARKERS =
      Set.of("manage.py", "pyproject.toml", "setup.py", "setup.cfg", "Pipfile", "requirements.txt");
  private static final Pattern DEVELOPMENT_NAME =
      Pattern.compile("(^|[_.-])(dev|devel|develop|development|local|localhost|test|tests|testing)([_.-]|$)");

  private final Set<String> rootDirs = new HashSet<>();
  private final Set<String> packageDirs = new HashSet<>();
  private final List<SourceFile> requirementFiles;

  public ProjectLayout(SourceTree tree) {
    for (SourceFile f : tree.files()) {
      String rel = f.relative();
      String dir = dir(rel);
      String name = f.fileName();
      if (ROOT_MARKERS.contains(name) || name.startsWith("requirements")) rootDirs.add(dir);
      if (name.equals("__init__.py")) packageDirs.add(dir);
    }
    requirementFiles = tree.files().stream().filter(f -> CorsHeadersVersion.isRequirementsFile(f.relative())).toList();
  }

  public List<SourceFile> requirementFiles() {
    return requirementFiles;
  }

  /** The project folder of {@code path}: the nearest folder above with manage.py or dependency files. */
  public String rootOf(String path) {
    String d = dir(path);
    for (String p = d; p != null; p = p.isEmpty() ? null : dir(p)) {
      if (rootDirs.contains(p)) return p;
    }
    // No marker: the folder above the outermost package.
    String p = d;
    while (!p.isEmpty() && packageDirs.contains(p)) p = dir(p);
    return p;
  }

  /** Whether {@code path} lies inside {@code root}. */
  public static boolean within(String path, String root) {
    return root.isEmpty() || (path.length() > root.length() && path.charAt(root.length()) == '/' && path.startsWith(root));
  }

  /** {@code settings/dev.py}, {@code local_settings.py}, {@code settings_test.py}: development-only by name. */
  public static boolean isDevelopmentModule(String path) {
    String name = path.substring(path.lastIndexOf('/') + 1);
    if (name.equals("__init__.py")) name = dir(path).substring(dir(path).lastIndexOf('/') + 1);
    if (name.endsWith(".py")) name = name.substring(0, name.length() - 3);
    return DEVELOPMENT_NAME.matcher(name.toLowerCase(Locale.ROOT)).find();
  }

  static String dir(String path) {
    int slash = path.lastIndexOf('/');
    return slash < 0 ? "" : path.substring(0, slash);
  }
}
