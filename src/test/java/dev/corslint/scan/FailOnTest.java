package dev.corslint.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.corslint.model.SourceSpan;
import dev.corslint.rules.Finding;
import dev.corslint.rules.Level;
import java.util.List;
import org.junit.jupiter.api.Test;

class FailOnTest {

  private static Finding finding(Level level) {
    return new Finding("r", level, "m", SourceSpan.at("a.conf", 1, 1), List.of(), "s", level.name());
  }

  @Test
  void eachThresholdFailsOnItsLevelAndAbove() {
    assertThat(FailOn.ERROR.fails(Level.ERROR)).isTrue();
    assertThat(FailOn.ERROR.fails(Level.WARNING)).isFalse();
    assertThat(FailOn.WARNING.fails(Level.WARNING)).isTrue();
    assertThat(FailOn.WARNING.fails(Level.NOTE)).isFalse();
    assertThat(FailOn.NOTE.fails(Level.NOTE)).isTrue();
    for (Level level : Level.values()) assertThat(FailOn.NONE.fails(level)).isFalse();
  }

  @Test
  void failingKeepsOrder() {
    List<Finding> all = List.of(finding(Level.NOTE), finding(Level.ERROR), finding(Level.WARNING));
    assertThat(FailOn.WARNING.failing(all)).extracting(Finding::level).containsExactly(Level.ERROR, Level.WARNING);
    assertThat(FailOn.NONE.failing(all)).isEmpty();
  }

  @Test
  void parsesWhatUsersType() {
    assertThat(FailOn.parse(" Warning ")).isEqualTo(FailOn.WARNING);
    assertThat(FailOn.parse("none")).isEqualTo(FailOn.NONE);
    assertThat(FailOn.NOTE.id()).isEqualTo("note");
    assertThatThrownBy(() -> FailOn.parse("fatal")).hasMessageContaining("error, warning, note or none");
    assertThatThrownBy(() -> FailOn.parse(null)).isInstanceOf(IllegalArgumentException.class);
  }
}
