package dev.corslint.rules;

import dev.corslint.model.CorsPolicy;
import java.util.List;

/**
 * One check. A rule is one small class in {@code dev.corslint.rules.checks} named as its {@code rules/<id>.yml}
 * says ({@code name:}), with a public no-argument constructor; its metadata lives only in that file. Rules
 * read the policy model and ask the browser model; they never read files.
 */
public interface Rule {

  /** Audits one scope. */
  default void audit(CorsPolicy policy, Audit audit) {}

  /** Audits across every scope of the scan, for mistakes that span layers. */
  default void auditAll(List<CorsPolicy> policies, Audit audit) {}
}
