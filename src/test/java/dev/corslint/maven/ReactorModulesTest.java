package dev.corslint.maven;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corslint.scan.FileSelection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReactorModulesTest {

  @TempDir Path parent;

  @Test
  void moduleDirectoriesBelowTheScanRootBecomeExcludes() throws Exception {
    Files.createDirectories(parent.resolve("services/api"));
    Files.writeString(parent.resolve("services/api/pom-ci.xml"), "<project/>");
    List<String> globs = ReactorModules.excludes(parent,
        List.of("web", "services/api/pom-ci.xml", "../sibling", "./tools/", " ", "."), parent);
    assertThat(globs).containsExactly("web/**", "services/api/**", "tools/**");
    FileSelection selection = new FileSelection(List.of(), globs);
    assertThat(selection.selects("web/nginx.conf")).isFalse();
    assertThat(selection.selects("services/api/deploy/nginx.conf")).isFalse();
    assertThat(selection.selects("deploy/nginx.conf")).isTrue();
    assertThat(selection.selects("webapp/nginx.conf")).isTrue();
  }

  @Test
  void aScanRootInsideAModuleOrElsewhereExcludesOnlyWhatIsBelowIt() {
    assertThat(ReactorModules.excludes(parent, List.of("web", "deploy/api"), parent.resolve("deploy")))
        .containsExactly("api/**");
    assertThat(ReactorModules.excludes(parent, null, parent)).isEmpty();
  }

  @Test
  void globCharactersInDirectoryNamesAreLiteral() {
    List<String> globs = ReactorModules.excludes(parent, List.of("odd[1]{x}"), parent);
    assertThat(globs).containsExactly("odd\\[1\\]\\{x\\}/**");
    FileSelection selection = new FileSelection(List.of(), globs);
    assertThat(selection.selects("odd[1]{x}/a.conf")).isFalse();
    assertThat(selection.selects("odd1x/a.conf")).isTrue();
  }
}
