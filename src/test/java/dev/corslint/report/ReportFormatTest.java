package dev.corslint.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ReportFormatTest {

  @Test
  void parsesWhatUsersType() {
    assertThat(ReportFormat.parse("text")).isEqualTo(ReportFormat.TEXT);
    assertThat(ReportFormat.parse("SARIF")).isEqualTo(ReportFormat.SARIF);
    assertThat(ReportFormat.parse(" json ")).isEqualTo(ReportFormat.JSON);
    assertThat(ReportFormat.parse("GitHub")).isEqualTo(ReportFormat.GITHUB);
    assertThatThrownBy(() -> ReportFormat.parse("xml"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("text, sarif, json or github");
  }

  @Test
  void createsTheMatchingReport() {
    assertThat(ReportFormat.TEXT.create(false, false)).isInstanceOf(TextReport.class);
    assertThat(ReportFormat.SARIF.create(true, true)).isInstanceOf(SarifReport.class);
    assertThat(ReportFormat.JSON.create(false, true)).isInstanceOf(JsonReport.class);
    assertThat(ReportFormat.GITHUB.create(false, false)).isInstanceOf(GithubActionsReport.class);
    assertThat(ReportFormat.SARIF.create(false, false, true)).isInstanceOf(SarifReport.class);
    assertThat(ReportFormat.SARIF.id()).isEqualTo("sarif");
  }
}
