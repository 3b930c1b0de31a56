package dev.corslint.rules;

import java.util.List;
import java.util.Optional;

/**
 * A rule's public description, read from {@code rules/<id>.yml}. That file is the only source of it: SARIF
 * {@code tool.driver.rules}, {@code corslint rules} and the documentation are rendered from this record.
 *
 * @param id the public id
 * @param name PascalCase name for SARIF
 * @param title one line for listings
 * @param shortDescription one sentence
 * @param fullDescription a paragraph
 * @param level the default level (with credentials, where the rule has two)
 * @param levelWithoutCredentials the level when the scope does not allow credentials, if the rule has two
 * @param category {@code security} or {@code correctness}
 * @param securitySeverity CVSS-like score for security rules, as GitHub code scanning reads it
 * @param precision {@code very-high}, {@code high}, {@code medium} or {@code low}
 * @param tags SARIF tags, including {@code security} and {@code external/cwe/cwe-NNN}
 * @param ecosystems where the rule applies ({@code nginx}, {@code express}, {@code django}, {@code spring})
 * @param help Markdown help with wrong and fixed examples
 */
public record RuleMetadata(
    String id,
    String name,
    String title,
    String shortDescription,
    String fullDescription,
    Level level,
    Optional<Level> levelWithoutCredentials,
    String category,
    Optional<String> securitySeverity,
    String precision,
    List<String> tags,
    List<String> ecosystems,
    String help) {

  /** The level for a scope that does or does not allow credentials. */
  public Level levelFor(boolean credentials) {
    return credentials ? level : levelWithoutCredentials.orElse(level);
  }

  public boolean isSecurity() {
    return "security".equals(category);
  }

  public String helpUri() {
    return "https://corslint.dev/rules/" + id;
  }
}
