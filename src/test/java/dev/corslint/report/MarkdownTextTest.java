package dev.corslint.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MarkdownTextTest {

  @Test
  void headingsAndEmphasisLoseTheirMarks() {
    assertThat(MarkdownText.toPlainText("## Why **this** _matters_ ##\n\nIt is *really* ~~not~~ fine."))
        .isEqualTo("Why this matters\n\nIt is really not fine.");
  }

  @Test
  void codeKeepsItsStarsAndUnderscores() {
    assertThat(MarkdownText.toPlainText("Trusting `*.github.io` or `my_var_name` or `**` is wrong."))
        .isEqualTo("Trusting *.github.io or my_var_name or ** is wrong.");
    assertThat(MarkdownText.toPlainText("```js\nconst a = b * c * d; // __init__\n```"))
        .isEqualTo("    const a = b * c * d; // __init__");
  }

  @Test
  void bareWildcardsAndSnakeCaseAreNotEmphasis() {
    assertThat(MarkdownText.toPlainText("Use * only for public paths; see CORS_ALLOW_ALL_ORIGINS and 2 * 3 * 4."))
        .isEqualTo("Use * only for public paths; see CORS_ALLOW_ALL_ORIGINS and 2 * 3 * 4.");
  }

  @Test
  void linksKeepTheirTargets() {
    assertThat(MarkdownText.toPlainText("See [Fetch](https://fetch.spec.whatwg.org/) and <https://corslint.dev>."))
        .isEqualTo("See Fetch (https://fetch.spec.whatwg.org/) and https://corslint.dev.");
    assertThat(MarkdownText.toPlainText("[https://a.example](https://a.example)")).isEqualTo("https://a.example");
  }

  @Test
  void escapesBecomeTheirCharacters() {
    assertThat(MarkdownText.toPlainText("A literal \\*star\\* and \\_under\\_.")).isEqualTo("A literal *star* and _under_.");
  }

  @Test
  void fencesIndentTheirContentAndBlankLinesCollapse() {
    String markdown = "Wrong:\n\n\n\n~~~nginx\nlocation / {\n\n    add_header X y;\n}\n~~~\n\n> quoted *text*\n\n---\n\n- item `a`\n";
    assertThat(MarkdownText.toPlainText(markdown))
        .isEqualTo("Wrong:\n\n    location / {\n\n        add_header X y;\n    }\n\nquoted text\n\n- item a");
  }

  @Test
  void blankOrNullIsEmpty() {
    assertThat(MarkdownText.toPlainText(null)).isEmpty();
    assertThat(MarkdownText.toPlainText(" \n\n ")).isEmpty();
  }
}
