package dev.corslint.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class FileSelectionTest {

  private static FileSelection excluding(String... globs) {
    return new FileSelection(List.of(), List.of(globs));
  }

  @Test
  void everythingIsSelectedByDefault() {
    assertThat(FileSelection.all().selects("a/b/c.conf")).isTrue();
    assertThat(FileSelection.all().selects("nginx.conf")).isTrue();
  }

  @Test
  void aFolderCanBeNamedAsItselfWithASlashOrWithDoubleStar() {
    for (String glob : List.of("legacy", "legacy/", "legacy/**", "./legacy", "/legacy/")) {
      FileSelection s = excluding(glob);
      assertThat(s.selects("legacy/nginx.conf")).as(glob).isFalse();
      assertThat(s.selects("legacy/deep/er/site.conf")).as(glob).isFalse();
      assertThat(s.selects("legacy-new/site.conf")).as(glob).isTrue();
      assertThat(s.selects("src/legacy/site.conf")).as(glob).isTrue();
    }
  }

  @Test
  void leadingDoubleStarAlsoMatchesAtTheRoot() {
    FileSelection s = excluding("**/fixtures/**");
    assertThat(s.selects("fixtures/a.conf")).isFalse();
    assertThat(s.selects("test/fixtures/a.conf")).isFalse();
    assertThat(s.selects("test/fixture/a.conf")).isTrue();
    FileSelection conf = excluding("**/*.conf");
    assertThat(conf.selects("nginx.conf")).isFalse();
    assertThat(conf.selects("a/b/nginx.conf")).isFalse();
    assertThat(conf.selects("a/b/app.js")).isTrue();
  }

  @Test
  void singleStarStaysInOneFolder() {
    FileSelection s = excluding("*.conf");
    assertThat(s.selects("nginx.conf")).isFalse();
    assertThat(s.selects("deploy/nginx.conf")).isTrue();
  }

  @Test
  void includesNarrowAndExcludesWin() {
    FileSelection s = new FileSelection(List.of("deploy/**", "**/*.js"), List.of("deploy/old/**"));
    assertThat(s.selects("deploy/nginx/api.conf")).isTrue();
    assertThat(s.selects("web/app.js")).isTrue();
    assertThat(s.selects("web/settings.py")).isFalse();
    assertThat(s.selects("deploy/old/api.conf")).isFalse();
    assertThat(s.excludes("web/settings.py")).isFalse();
  }

  @Test
  void excludingAddsToTheExcludes() {
    FileSelection s = new FileSelection(List.of("**/*.conf"), List.of("a/**")).excluding(List.of("b/**"));
    assertThat(s.includes()).containsExactly("**/*.conf");
    assertThat(s.excludes()).containsExactly("a/**", "b/**");
    assertThat(s.selects("b/x.conf")).isFalse();
    assertThat(s.selects("c/x.conf")).isTrue();
  }

  @Test
  void invalidGlobsAreRejectedWithTheirReason() {
    assertThat(FileSelection.problem("[a-")).get().asString().startsWith("not a valid glob");
    assertThat(FileSelection.problem(" ")).isPresent();
    assertThat(FileSelection.problem("**/*.conf")).isEmpty();
    assertThatThrownBy(() -> excluding("ok/**", "{a,b"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'{a,b'");
  }

  @Test
  void backslashEscapesSpecialCharacters() {
    FileSelection s = excluding("odd\\[1\\]/**");
    assertThat(s.selects("odd[1]/a.conf")).isFalse();
    assertThat(s.selects("odd1/a.conf")).isTrue();
  }
}
