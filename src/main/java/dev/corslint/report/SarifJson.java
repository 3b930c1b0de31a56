package dev.corslint.report;

import com.contrastsecurity.sarif.Notification;
import com.contrastsecurity.sarif.ReportingConfiguration;
import com.contrastsecurity.sarif.Result;
import com.contrastsecurity.sarif.Run;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The Jackson setup for java-sarif's classes. Those classes drop every field equal to its schema default
 * ({@code @JsonInclude(NON_DEFAULT)}), so a result, rule or notification of level {@code warning} would
 * lose its level and a consumer would fall back to another default. Mix-ins keep the levels, and keep the
 * {@code results} array even when empty: that array tells code scanning the run found nothing (and so
 * closes old alerts), and the global NON_EMPTY inclusion must never drop it.
 */
final class SarifJson {

  static final ObjectWriter WRITER = writer();

  private SarifJson() {}

  /** Mix-in: keep {@code level} even when it equals the default {@code warning}. */
  abstract static class ExplicitLevel {
    @JsonInclude(JsonInclude.Include.ALWAYS)
    Object level;
  }

  /** Mix-in: keep {@code results} even when empty. */
  abstract static class ExplicitResults {
    @JsonInclude(JsonInclude.Include.ALWAYS)
    Object results;
  }

  private static ObjectWriter writer() {
    ObjectMapper mapper =
        JsonMapper.builder()
            .serializationInclusion(JsonInclude.Include.NON_EMPTY)
            .addMixIn(Result.class, ExplicitLevel.class)
            .addMixIn(ReportingConfiguration.class, ExplicitLevel.class)
            .addMixIn(Notification.class, ExplicitLevel.class)
            .addMixIn(Run.class, ExplicitResults.class)
            .build();
    return mapper.writer(JsonStyle.printer());
  }
}
