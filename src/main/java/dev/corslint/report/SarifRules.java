package dev.corslint.report;

import com.contrastsecurity.sarif.MultiformatMessageString;
import com.contrastsecurity.sarif.PropertyBag;
import com.contrastsecurity.sarif.ReportingConfiguration;
import com.contrastsecurity.sarif.ReportingDescriptor;
import dev.corslint.rules.RuleMetadata;
import java.net.URI;
import java.util.LinkedHashSet;

/** A rule's metadata as a SARIF {@code reportingDescriptor}, with what GitHub code scanning reads of it. */
final class SarifRules {

  private SarifRules() {}

  static ReportingDescriptor descriptor(RuleMetadata rule) {
    String helpUri = rule.helpUri();
    ReportingDescriptor descriptor =
        new ReportingDescriptor()
            .withId(rule.id())
            .withName(rule.name())
            .withHelpUri(URI.create(helpUri))
            .withHelp(help(rule.help(), helpUri))
            .withDefaultConfiguration(
                new ReportingConfiguration()
                    .withLevel(ReportingConfiguration.Level.fromValue(rule.level().sarifName())))
            .withProperties(properties(rule));
    if (rule.shortDescription() != null && !rule.shortDescription().isBlank()) {
      descriptor.withShortDescription(new MultiformatMessageString().withText(rule.shortDescription().strip()));
    }
    if (rule.fullDescription() != null && !rule.fullDescription().isBlank()) {
      descriptor.withFullDescription(new MultiformatMessageString().withText(rule.fullDescription().strip()));
    }
    return descriptor;
  }

  /** GitHub shows help.markdown but ignores helpUri, so the link is also the help's last line. */
  static MultiformatMessageString help(String markdown, String helpUri) {
    String body = markdown == null ? "" : markdown.strip();
    String text = MarkdownText.toPlainText(body);
    return new MultiformatMessageString()
        .withText((text.isEmpty() ? "" : text + "\n\n") + "Documentation: " + helpUri)
        .withMarkdown((body.isEmpty() ? "" : body + "\n\n") + "[Documentation](" + helpUri + ")");
  }

  private static PropertyBag properties(RuleMetadata rule) {
    PropertyBag properties = new PropertyBag();
    if (rule.tags() != null && !rule.tags().isEmpty()) {
      properties.withTags(new LinkedHashSet<>(rule.tags()));
    }
    if (rule.precision() != null && !rule.precision().isBlank()) {
      properties.withAdditionalProperty("precision", rule.precision());
    }
    // GitHub reads security-severity as a string holding a number, and only on security rules.
    if (rule.isSecurity() && rule.securitySeverity() != null) {
      rule.securitySeverity()
          .filter(s -> !s.isBlank())
          .ifPresent(s -> properties.withAdditionalProperty("security-severity", s.strip()));
    }
    return properties;
  }
}
