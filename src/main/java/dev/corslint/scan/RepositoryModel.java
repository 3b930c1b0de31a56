package dev.corslint.scan;

import dev.corslint.model.CorsPolicy;
import dev.corslint.model.Notice;
import dev.corslint.model.SourceFile;
import dev.corslint.rules.RuleEngine;
import java.nio.file.Path;
import java.util.List;

/**
 * A repository read into policies, before any rule runs.
 *
 * @param root the scan root
 * @param config the configuration in force
 * @param tree the files below the root, or null when no target existed
 * @param filesRead the files an ecosystem took as entry points
 * @param policies every scope's policy
 * @param notices what could not be read or known (a mutable list: the scan adds its own)
 * @param configName the configuration file as reports name it, or null
 * @param cost what reading took: the benchmark's figures
 * @param audited the per-policy checks already run while reading, group by group (empty when they were not)
 */
public record RepositoryModel(
    Path root,
    ScanConfig config,
    FileSystemSourceTree tree,
    List<SourceFile> filesRead,
    List<CorsPolicy> policies,
    List<Notice> notices,
    String configName,
    ReadCost cost,
    List<RuleEngine.Group> audited) {

  public RepositoryModel {
    cost = cost == null ? ReadCost.NONE : cost;
    audited = audited == null ? List.of() : List.copyOf(audited);
  }

  public RepositoryModel(
      Path root, ScanConfig config, FileSystemSourceTree tree, List<SourceFile> filesRead, List<CorsPolicy> policies,
      List<Notice> notices, String configName) {
    this(root, config, tree, filesRead, policies, notices, configName, ReadCost.NONE, List.of());
  }
}
