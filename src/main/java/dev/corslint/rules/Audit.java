package dev.corslint.rules;

import dev.corslint.model.CorsPolicy;
import dev.corslint.model.SourceSpan;
import java.util.List;

/** What a rule reports into; bound to the rule's metadata and the scope being audited. */
public interface Audit {

  RuleMetadata rule();

  RuleSettings settings();

  /**
   * Reports a finding at {@code at}, the line a user changes to fix it.
   *
   * @param policy the scope it was found in
   * @param credentials whether that scope allows credentials (picks the level where the rule has two)
   * @param message what the browser or the attacker will do, in concrete terms
   * @param key what distinguishes it from other findings of this rule on the same line
   * @param related other lines that prove it
   */
  void report(
      CorsPolicy policy,
      SourceSpan at,
      boolean credentials,
      String message,
      String key,
      List<RelatedLocation> related);

  default void report(CorsPolicy policy, SourceSpan at, boolean credentials, String message) {
    report(policy, at, credentials, message, "", List.of());
  }
}
