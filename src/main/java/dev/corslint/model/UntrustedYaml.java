package dev.corslint.model;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The YAML reader for files of a scanned repository: safe types only, few aliases (an alias bomb is refused,
 * not expanded), bounded nesting and size, and duplicate keys kept so that readers can report them with their
 * lines. Callers compose node trees from it rather than objects.
 */
public final class UntrustedYaml {

  /** Aliases a real configuration uses; an alias bomb needs thousands. */
  static final int MAX_ALIASES = 50;

  private UntrustedYaml() {}

  public static Yaml reader() {
    LoaderOptions options = new LoaderOptions();
    options.setMaxAliasesForCollections(MAX_ALIASES);
    options.setAllowRecursiveKeys(false);
    options.setNestingDepthLimit(60);
    options.setCodePointLimit(4 * 1024 * 1024);
    options.setAllowDuplicateKeys(true);
    return new Yaml(new SafeConstructor(options));
  }
}
