package dev.corslint.scan;

import dev.corslint.model.Notice;
import dev.corslint.rules.Finding;
import dev.corslint.rules.RuleMetadata;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Everything one scan produced, in report order.
 *
 * @param root the scan root; finding paths are relative to it
 * @param findings sorted with {@link Finding#ORDER}
 * @param notices the tool's own notices, in the order they arose per file
 * @param rules the metadata of every rule that ran, by id, in catalog order
 * @param filesScanned how many files reached an ecosystem parser
 * @param policies how many policies were built
 */
public record ScanResult(
    Path root,
    List<Finding> findings,
    List<Notice> notices,
    Map<String, RuleMetadata> rules,
    int filesScanned,
    int policies) {}
