package dev.corslint.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonReportTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path root;
  private ReportFixture fixture;

  @BeforeEach
  void setUp() {
    fixture = new ReportFixture(root);
  }

  private JsonNode json(boolean empty) throws IOException {
    return JSON.readTree(new JsonReport().render(empty ? fixture.empty() : fixture.full()));
  }

  @Test
  void topLevelShapeIsFixed() throws IOException {
    JsonNode doc = json(false);
    assertThat(doc.fieldNames()).toIterable()
        .containsExactly("tool", "root", "summary", "findings", "notices");
    assertThat(doc.path("tool").path("name").asText()).isEqualTo("corslint");
    assertThat(doc.path("tool").path("version").asText()).isEqualTo(ToolInfo.version());
    assertThat(Path.of(doc.path("root").asText())).isEqualTo(root.toAbsolutePath().normalize());
  }

  @Test
  void summaryCounts() throws IOException {
    JsonNode summary = json(false).path("summary");
    assertThat(summary.path("errors").asInt()).isEqualTo(2);
    assertThat(summary.path("warnings").asInt()).isEqualTo(1);
    assertThat(summary.path("notes").asInt()).isEqualTo(1);
    assertThat(summary.path("files").asInt()).isEqualTo(12);
    assertThat(summary.path("policies").asInt()).isEqualTo(4);
  }

  @Test
  void findingsInOrderWithEveryField() throws IOException {
    JsonNode findings = json(false).path("findings");
    assertThat(findings).extracting(f -> f.path("rule").asText())
        .containsExactly("missing-vary-origin", "origin-reflection", "excessive-max-age", "origin-reflection");
    JsonNode reflection = findings.path(1);
    assertThat(reflection.fieldNames()).toIterable()
        .containsExactly("rule", "level", "message", "file", "line", "column", "endLine", "endColumn", "scope",
            "related");
    assertThat(reflection.path("level").asText()).isEqualTo("error");
    assertThat(reflection.path("file").asText()).isEqualTo("nginx/site.conf");
    assertThat(List.of(reflection.path("line").asInt(), reflection.path("column").asInt(),
            reflection.path("endLine").asInt(), reflection.path("endColumn").asInt()))
        .containsExactly(4, 9, 4, 60);
    assertThat(reflection.path("scope").asText()).isEqualTo("server :80 location /api/");
    JsonNode related = reflection.path("related").path(0);
    assertThat(related.path("file").asText()).isEqualTo("nginx/site.conf");
    assertThat(related.path("line").asInt()).isEqualTo(5);
    assertThat(related.path("column").asInt()).isEqualTo(9);
    assertThat(related.path("message").asText()).isEqualTo("credentials allowed here");
    assertThat(findings.path(0).path("related").isArray()).isTrue();
  }

  @Test
  void noticesKeepTheirKeysEvenWithoutAFile() throws IOException {
    JsonNode notices = json(false).path("notices");
    assertThat(notices).extracting(n -> n.path("level").asText()).containsExactly("warning", "error", "note");
    assertThat(notices.path(1).path("file").asText()).isEqualTo("broken/other.conf");
    assertThat(notices.path(1).path("line").asInt()).isEqualTo(12);
    assertThat(notices.path(2).has("file")).isTrue();
    assertThat(notices.path(2).path("file").isNull()).isTrue();
    assertThat(notices.path(2).path("line").isNull()).isTrue();
  }

  @Test
  void emptyScanHasEmptyArraysAndZeroCounts() throws IOException {
    JsonNode doc = json(true);
    assertThat(doc.path("findings").isArray()).isTrue();
    assertThat(doc.path("findings")).isEmpty();
    assertThat(doc.path("notices")).isEmpty();
    assertThat(doc.path("summary").path("errors").asInt()).isZero();
    assertThat(doc.path("summary").path("files").asInt()).isEqualTo(12);
  }
}
