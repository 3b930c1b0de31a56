package dev.corslint.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class RuleCatalogTest {

  private static final List<String> NGINX_LATER = List.of();

  @Test
  void everyRuleOfTheSpecHasMetadata() throws IOException {
    Set<String> ids = RuleCatalog.bundled().asMap().keySet();
    assertThat(ids).hasSize(25).contains("origin-reflection", "wildcard-with-credentials", "excessive-max-age",
        "add-header-inheritance", "middleware-order", "private-network-access");
    assertThat(RuleCatalog.load(Path.of("rules")).asMap().keySet()).isEqualTo(ids);
  }

  @Test
  void metadataIsComplete() {
    for (RuleMetadata m : RuleCatalog.bundled().all()) {
      assertThat(m.help()).as(m.id()).contains("## How to fix");
      assertThat(m.tags()).as(m.id()).contains("cors");
      if (m.isSecurity()) {
        assertThat(m.securitySeverity()).as(m.id()).isPresent();
        assertThat(m.tags()).as(m.id()).contains("security").anyMatch(t -> t.startsWith("external/cwe/cwe-"));
      }
      for (String eco : m.ecosystems()) {
        String heading = switch (eco) {
          case "nginx" -> "### nginx";
          case "express" -> "### Express";
          case "django" -> "### Django";
          case "spring" -> "### Spring";
          default -> throw new AssertionError(m.id() + ": unknown ecosystem " + eco);
        };
        assertThat(m.help()).as(m.id() + " help for " + eco).contains(heading);
      }
    }
  }

  @Test
  void everyNginxRuleHasACheckAndEveryCheckHasMetadata() throws IOException {
    for (RuleMetadata m : RuleCatalog.bundled().all()) {
      if (m.ecosystems().contains("nginx") && !NGINX_LATER.contains(m.id())) {
        assertThat(RuleEngine.instantiate(m)).as(m.id()).isPresent();
      }
    }
    Set<String> names = RuleCatalog.bundled().all().stream().map(RuleMetadata::name).collect(Collectors.toSet());
    try (Stream<Path> s = Files.list(Path.of("src/main/java/dev/corslint/rules/checks"))) {
      List<String> classes = s.map(p -> p.getFileName().toString().replace(".java", "")).toList();
      assertThat(names).containsAll(classes);
    }
  }

  @Test
  void replacementsNameRealRules() {
    RuleCatalog c = RuleCatalog.bundled();
    for (RuleMetadata m : c.all()) {
      assertThat(c.asMap().keySet()).as(m.id()).containsAll(c.replaces(m.id()));
    }
    assertThat(c.replaces("wildcard-with-credentials")).contains("wildcard-origin");
    assertThat(c.replaces("add-header-inheritance")).contains("missing-allow-origin");
  }
}
