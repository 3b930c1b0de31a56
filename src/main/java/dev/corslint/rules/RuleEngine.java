package dev.corslint.rules;

import dev.corslint.model.CorsPolicy;
import dev.corslint.model.Notice;
import dev.corslint.model.SourceSpan;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Runs the catalog's checks over the policies: levels from metadata and configuration, one finding per
 * cause (a more specific rule replaces a general one in the same scope), one finding per line and key.
 */
public final class RuleEngine {

  static final String CHECKS_PACKAGE = "dev.corslint.rules.checks.";

  private final RuleCatalog catalog;
  private final RuleSettings settings;
  private final Map<String, Optional<Level>> levelOverrides;
  private final Map<String, Rule> checks = new LinkedHashMap<>();

  /**
   * @param levelOverrides per rule id: a level to use instead of the default, or empty to switch it off
   */
  public RuleEngine(RuleCatalog catalog, RuleSettings settings, Map<String, Optional<Level>> levelOverrides) {
    this.catalog = catalog;
    this.settings = settings;
    this.levelOverrides = Map.copyOf(levelOverrides);
    for (RuleMetadata m : catalog.all()) {
      if (levelOverrides.containsKey(m.id()) && levelOverrides.get(m.id()).isEmpty()) continue;
      instantiate(m).ifPresent(r -> checks.put(m.id(), r));
    }
  }

  public RuleEngine(RuleCatalog catalog) {
    this(catalog, RuleSettings.defaults(), Map.of());
  }

  /** The check class of a rule, if the rule has one yet. */
  public static Optional<Rule> instantiate(RuleMetadata m) {
    try {
      Class<?> c = Class.forName(CHECKS_PACKAGE + m.name());
      return Optional.of((Rule) c.getDeclaredConstructor().newInstance());
    } catch (ClassNotFoundException e) {
      return Optional.empty();
    } catch (ReflectiveOperationException | ClassCastException e) {
      throw new IllegalStateException("rule " + m.id() + ": cannot create " + m.name(), e);
    }
  }

  /** Ids of the rules that have a check and are switched on. */
  public Set<String> activeRules() {
    return checks.keySet();
  }

  /** Audits every policy; a check that fails on one scope becomes a notice and the others go on. */
  public List<Finding> run(List<CorsPolicy> scanned, List<Notice> notices) {
    return finish(List.of(auditGroup(scanned)), notices);
  }

  /**
   * The per-policy checks of one group of policies, with its own simulations. Groups that share no state (the
   * policies of different extractors) may be audited on different threads at once; {@link #finish} joins them.
   */
  public Group auditGroup(List<CorsPolicy> scanned) {
    List<CorsPolicy> policies = scanned.stream().<CorsPolicy>map(RespondCache::new).toList();
    Map<String, List<Finding>> byRule = new LinkedHashMap<>();
    List<Notice> notices = new ArrayList<>();
    for (Map.Entry<String, Rule> e : checks.entrySet()) {
      RuleMetadata meta = catalog.get(e.getKey()).orElseThrow();
      List<Finding> raw = new ArrayList<>();
      Collector audit = new Collector(meta, raw);
      for (CorsPolicy p : policies) {
        try {
          e.getValue().audit(p, audit);
        } catch (RuntimeException | LinkageError | StackOverflowError ex) {
          notices.add(
              Notice.error(
                  "internal error in rule " + meta.id() + " on " + p.scope().description() + ": " + ex,
                  p.scope().span()));
        }
      }
      byRule.put(e.getKey(), raw);
    }
    return new Group(policies, byRule, notices);
  }

  /** One group's audited policies (with their simulations), findings per rule and notices. */
  public record Group(List<CorsPolicy> policies, Map<String, List<Finding>> findingsByRule, List<Notice> notices) {}

  /**
   * Joins groups audited apart, in their order, runs the checks that look at all policies together, and keeps
   * one finding per cause: the same findings, in the same order, as one group of all policies.
   */
  public List<Finding> finish(List<Group> groups, List<Notice> notices) {
    List<CorsPolicy> policies = new ArrayList<>();
    for (Group g : groups) {
      policies.addAll(g.policies());
      notices.addAll(g.notices());
    }
    List<Finding> raw = new ArrayList<>();
    for (Map.Entry<String, Rule> e : checks.entrySet()) {
      RuleMetadata meta = catalog.get(e.getKey()).orElseThrow();
      for (Group g : groups) raw.addAll(g.findingsByRule().getOrDefault(e.getKey(), List.of()));
      try {
        e.getValue().auditAll(policies, new Collector(meta, raw));
      } catch (RuntimeException | LinkageError | StackOverflowError ex) {
        notices.add(Notice.error("internal error in rule " + meta.id() + ": " + ex, null));
      }
    }
    List<Finding> out = deduplicate(replace(raw));
    out.sort(Finding.ORDER);
    return out;
  }

  private List<Finding> replace(List<Finding> raw) {
    Map<String, List<Finding>> byScope = new HashMap<>();
    for (Finding f : raw) byScope.computeIfAbsent(f.scope(), k -> new ArrayList<>()).add(f);
    List<Finding> kept = new ArrayList<>();
    for (Finding f : raw) {
      boolean replaced = byScope.get(f.scope()).stream().anyMatch(other ->
          catalog.replaces(other.ruleId()).contains(f.ruleId())
              && (!catalog.replacesOnLineOnly(other.ruleId()) || other.location().line() == f.location().line()
                  && other.location().file().equals(f.location().file())));
      if (!replaced) kept.add(f);
    }
    return kept;
  }

  private static List<Finding> deduplicate(List<Finding> findings) {
    Map<String, Finding> unique = new LinkedHashMap<>();
    for (Finding f : findings) {
      unique.putIfAbsent(f.ruleId() + "\u0000" + f.location() + "\u0000" + f.key(), f);
    }
    return new ArrayList<>(unique.values());
  }

  private final class Collector implements Audit {
    private final RuleMetadata meta;
    private final List<Finding> sink;

    Collector(RuleMetadata meta, List<Finding> sink) {
      this.meta = meta;
      this.sink = sink;
    }

    @Override
    public RuleMetadata rule() {
      return meta;
    }

    @Override
    public RuleSettings settings() {
      return settings;
    }

    @Override
    public void report(
        CorsPolicy policy, SourceSpan at, boolean credentials, String message, String key, List<RelatedLocation> related) {
      SourceSpan where = at != null ? at : policy.scope().span();
      Level level = levelOverrides.getOrDefault(meta.id(), Optional.empty()).orElse(meta.levelFor(credentials));
      String scope = policy.scope().description() + " @ " + policy.scope().span();
      sink.add(new Finding(meta.id(), level, message, where, related, scope, key));
    }
  }

}
