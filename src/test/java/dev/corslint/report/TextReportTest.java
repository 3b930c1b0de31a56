package dev.corslint.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.corslint.model.Notice;
import dev.corslint.model.SourceSpan;
import dev.corslint.rules.Finding;
import dev.corslint.rules.Level;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextReportTest {

  @TempDir Path root;
  private ReportFixture fixture;

  @BeforeEach
  void setUp() {
    fixture = new ReportFixture(root);
  }

  private static List<String> lines(String text) {
    return text.lines().toList();
  }

  /** The line after the header that starts with {@code header}, i.e. the source line. */
  private static int indexOf(List<String> lines, String prefix) {
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).startsWith(prefix)) {
        return i;
      }
    }
    throw new AssertionError("no line starts with " + prefix + " in\n" + String.join("\n", lines));
  }

  /** The screen column of the first caret relative to where the source text starts after the gutter. */
  private static String underlined(String sourceLine, String caretLine) {
    int gutter = sourceLine.indexOf("| ") + 2;
    String source = sourceLine.substring(gutter);
    String caret = caretLine.substring(gutter);
    int start = caret.indexOf('^');
    int end = caret.length();
    return source.substring(start, Math.min(end, source.length()));
  }

  @Test
  void headerNamesFileLineColumnLevelRuleAndMessage() {
    String text = new TextReport(false, false).render(fixture.full());
    assertThat(lines(text))
        .contains(
            "nginx/site.conf:4:9: error [origin-reflection] Any origin is reflected: "
                + "https://attacker.example can read responses with the user's cookies.",
            "nginx/site.conf:4:9: warning [missing-vary-origin] Access-Control-Allow-Origin depends on the "
                + "request but no Vary: Origin is sent.",
            "web/app.js:3:17: error [origin-reflection] origin: true reflects every origin.");
  }

  @Test
  void caretUnderlinesExactlyTheSpan() {
    List<String> lines = lines(new TextReport(false, false).render(fixture.full()));
    int header = indexOf(lines, "nginx/site.conf:6:43: note [excessive-max-age]");
    assertThat(lines.get(header + 1)).isEqualTo(" 6 |         add_header Access-Control-Max-Age 864000;");
    assertThat(lines.get(header + 2)).isEqualTo("   |                                           ^~~~~~");
    assertThat(underlined(lines.get(header + 1), lines.get(header + 2))).isEqualTo("864000");

    int reflection = indexOf(lines, "nginx/site.conf:4:9: error");
    assertThat(underlined(lines.get(reflection + 1), lines.get(reflection + 2)))
        .isEqualTo("add_header Access-Control-Allow-Origin $http_origin");
  }

  @Test
  void caretFollowsExpandedTabs() {
    List<String> lines = lines(new TextReport(false, false).render(fixture.full()));
    int header = indexOf(lines, "web/app.js:3:17:");
    String source = lines.get(header + 1);
    assertThat(source).doesNotContain("\t").isEqualTo(" 3 |     app.use(cors({ origin: true, credentials: true }));");
    assertThat(underlined(source, lines.get(header + 2))).isEqualTo("origin: true");
  }

  @Test
  void spanRunningPastTheLineUnderlinesToItsEnd() {
    Finding multiLine =
        new Finding("excessive-max-age", Level.NOTE, "m", new SourceSpan(ReportFixture.NGINX, 3, 5, 7, 6),
            List.of(), null, "");
    List<String> lines = lines(new TextReport(false, false).render(fixture.result(List.of(multiLine), List.of())));
    assertThat(underlined(lines.get(1), lines.get(2))).isEqualTo("location /api/ {");
  }

  @Test
  void pointSpanGetsOneCaret() {
    Finding point =
        new Finding("excessive-max-age", Level.NOTE, "m", SourceSpan.at(ReportFixture.NGINX, 2, 5), List.of(),
            null, "");
    List<String> lines = lines(new TextReport(false, false).render(fixture.result(List.of(point), List.of())));
    assertThat(lines.get(2)).isEqualTo("   |     ^");
  }

  @Test
  void relatedLocationsFollowTheFinding() {
    List<String> lines = lines(new TextReport(false, false).render(fixture.full()));
    int header = indexOf(lines, "nginx/site.conf:4:9: error [origin-reflection]");
    assertThat(lines.get(header + 3)).isEqualTo("  = note: nginx/site.conf:5:9: credentials allowed here");
  }

  @Test
  void summaryCountsLevelsAndFiles() {
    List<String> lines = lines(new TextReport(false, false).render(fixture.full()));
    assertThat(lines.get(lines.size() - 1)).isEqualTo("4 problems (2 errors, 1 warning, 1 note) in 2 files");
  }

  @Test
  void singularSummary() {
    String text = new TextReport(false, false).render(
        fixture.result(List.of(ReportFixture.maxAge()), List.of()));
    assertThat(lines(text).get(lines(text).size() - 1))
        .isEqualTo("1 problem (0 errors, 0 warnings, 1 note) in 1 file");
  }

  @Test
  void cleanScanSaysSoWithTheFileCount() {
    assertThat(new TextReport(false, false).render(fixture.empty()))
        .isEqualTo("No CORS problems found in 12 files.\n");
    assertThat(new TextReport(true, false).render(fixture.empty()))
        .contains("\u2714 No CORS problems found")
        .contains("(12 files scanned)");
  }

  @Test
  void noAnsiEscapesWithoutColour() {
    String text = new TextReport(false, true).render(fixture.full());
    assertThat(text).doesNotContain("\u001b").doesNotContain("\u2716").doesNotContain("\u2714");
  }

  @Test
  void colourMarksLevelsAndTheSummary() {
    String text = new TextReport(true, false).render(fixture.full());
    assertThat(text)
        .contains("\u001b[1m\u001b[31merror\u001b[0m")
        .contains("\u001b[1m\u001b[33mwarning\u001b[0m")
        .contains("\u001b[1m\u001b[36mnote\u001b[0m")
        .contains("\u001b[1m[origin-reflection]\u001b[0m")
        .contains("\u2716 4 problems");
    // Stripped of escapes, the coloured report reads like the plain one apart from the summary mark.
    String stripped = text.replaceAll("\u001b\\[[0-9;]*m", "");
    String plain = new TextReport(false, false).render(fixture.full());
    assertThat(stripped.replace("\u2716 ", "")).isEqualTo(plain);
  }

  @Test
  void noticesAreCountedUnlessVerbose() {
    String quiet = new TextReport(false, false).render(fixture.full());
    assertThat(quiet).contains("3 notices (run with --verbose to see them)\n").doesNotContain("notice:");

    String verbose = new TextReport(false, true).render(fixture.full());
    assertThat(lines(verbose))
        .contains(
            "notice: nginx/site.conf:4: Origin comes from $cors_origin, which is set from an environment variable.",
            "notice: broken/other.conf:12: Could not parse: unexpected '}'.",
            "notice: No Django settings module found.")
        .noneMatch(l -> l.contains("--verbose"));
  }

  @Test
  void oneNoticeIsSingular() {
    String text = new TextReport(false, false).render(
        fixture.result(List.of(), List.of(Notice.note("x", null))));
    assertThat(text).startsWith("1 notice (run with --verbose to see them)\n");
  }

  @Test
  void unreadableSourceLinesAreLeftOut() {
    Finding gone =
        new Finding("excessive-max-age", Level.NOTE, "gone", new SourceSpan("missing/file.conf", 3, 2, 3, 4),
            List.of(), null, "");
    Finding pastEnd =
        new Finding("excessive-max-age", Level.NOTE, "past", new SourceSpan(ReportFixture.NGINX, 99, 1, 99, 2),
            List.of(), null, "");
    Finding outside =
        new Finding("excessive-max-age", Level.NOTE, "outside", new SourceSpan("../escape.conf", 1, 1, 1, 2),
            List.of(), null, "");
    assertThatCode(() -> new TextReport(false, false).render(
            fixture.result(List.of(gone, pastEnd, outside), List.of())))
        .doesNotThrowAnyException();
    String text = new TextReport(false, false).render(fixture.result(List.of(gone, pastEnd, outside), List.of()));
    assertThat(text).doesNotContain(" | ").contains("missing/file.conf:3:2: note [excessive-max-age] gone");
  }

  @Test
  void aLinkOutOfTheRootIsNotFollowed(@TempDir Path outside) throws java.io.IOException {
    java.nio.file.Files.writeString(outside.resolve("secret.conf"), "password = hunter2\n");
    try {
      java.nio.file.Files.createSymbolicLink(root.resolve("link.conf"), outside.resolve("secret.conf"));
    } catch (UnsupportedOperationException | java.io.IOException e) {
      org.junit.jupiter.api.Assumptions.abort("no symbolic links here: " + e);
    }
    Finding finding = new Finding("excessive-max-age", Level.NOTE, "m", new SourceSpan("link.conf", 1, 1, 1, 2),
        List.of(), null, "");
    assertThat(new TextReport(false, false).render(fixture.result(List.of(finding), List.of())))
        .doesNotContain("hunter2");
  }

  @Test
  void scannedTextCannotDriveTheTerminal() {
    fixture.write("evil.conf", "add_header X \"\u001b[2J\u202eevil\";\n");
    Finding finding =
        new Finding("excessive-max-age", Level.NOTE, "value \u001b]0;title\u0007 here",
            new SourceSpan("evil.conf", 1, 1, 1, 11), List.of(), null, "");
    String text = new TextReport(false, false).render(fixture.result(List.of(finding), List.of()));
    assertThat(text).doesNotContain("\u001b").doesNotContain("\u202e").doesNotContain("\u0007")
        .contains("\uFFFD[2J\uFFFDevil");
  }
}
