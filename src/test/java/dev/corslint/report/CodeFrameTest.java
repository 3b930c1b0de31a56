package dev.corslint.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corslint.model.SourceSpan;
import org.junit.jupiter.api.Test;

class CodeFrameTest {

  private static SourceSpan span(int column, int endColumn) {
    return new SourceSpan("f", 1, column, 1, endColumn);
  }

  @Test
  void tabsExpandToTabStops() {
    CodeFrame frame = CodeFrame.of("a\tb\t\tc");
    assertThat(frame.line()).isEqualTo("a   b       c");
    assertThat(frame.caret(span(6, 7))).isEqualTo("            ^");
  }

  @Test
  void wideAndAstralCharactersTakeTheirCells() {
    // "漢" is two cells wide; "😀" is one code point in two UTF-16 code units and two cells.
    CodeFrame frame = CodeFrame.of("\u6f22\ud83d\ude00x");
    assertThat(frame.caret(span(4, 5))).isEqualTo("    ^");
    assertThat(frame.caret(span(2, 4))).isEqualTo("  ^~");
  }

  @Test
  void combiningMarksTakeNoCell() {
    CodeFrame frame = CodeFrame.of("e\u0301x");
    assertThat(frame.caret(span(3, 4))).isEqualTo(" ^");
  }

  @Test
  void columnsPastTheEndClampToTheEnd() {
    CodeFrame frame = CodeFrame.of("abc");
    assertThat(frame.caret(span(10, 12))).isEqualTo("   ^");
  }

  @Test
  void controlCharactersAreShownAsReplacement() {
    assertThat(CodeFrame.of("a\u001b[31mb\u202e").line()).isEqualTo("a\uFFFD[31mb\uFFFD");
  }
}
