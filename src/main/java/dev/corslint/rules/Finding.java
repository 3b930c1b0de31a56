package dev.corslint.rules;

import dev.corslint.model.SourceSpan;
import java.util.Comparator;
import java.util.List;

/**
 * One reported mistake.
 *
 * @param ruleId the public rule id
 * @param level the level after credentials and configuration were taken into account
 * @param message what the browser or the attacker will do, in concrete terms
 * @param location the line a user changes to fix it
 * @param related the other lines that prove it
 * @param scope the scope it was found in, for reports
 * @param key what distinguishes this finding from others of the same rule on the same line (the attacker
 *     origin, the header name); part of the stable fingerprint
 */
public record Finding(
    String ruleId,
    Level level,
    String message,
    SourceSpan location,
    List<RelatedLocation> related,
    String scope,
    String key) {

  public Finding {
    related = related == null ? List.of() : List.copyOf(related);
    key = key == null ? "" : key;
  }

  public Finding withLevel(Level newLevel) {
    return new Finding(ruleId, newLevel, message, location, related, scope, key);
  }

  /** Report order: by file, line, column, then rule id. */
  public static final Comparator<Finding> ORDER =
      Comparator.comparing(Finding::location)
          .thenComparing(Finding::ruleId)
          .thenComparing(Finding::key)
          .thenComparing(Finding::message);
}
