package dev.corslint.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitIgnoreTest {

  @Test
  void aNameMatchesAtAnyDepthAndASlashAnchors() {
    GitIgnore g = GitIgnore.parse("", "*.log\n/coverage\ndocs/generated\n");
    assertThat(g.decides("app.log", false)).isTrue();
    assertThat(g.decides("a/b/app.log", false)).isTrue();
    assertThat(g.decides("coverage", true)).isTrue();
    assertThat(g.decides("web/coverage", true)).isNull();
    assertThat(g.decides("docs/generated", true)).isTrue();
    assertThat(g.decides("web/docs/generated", true)).isNull();
    assertThat(g.decides("nginx.conf", false)).isNull();
  }

  @Test
  void aTrailingSlashMatchesFoldersOnly() {
    GitIgnore g = GitIgnore.parse("", "out/\n");
    assertThat(g.decides("web/out", true)).isTrue();
    assertThat(g.decides("web/out", false)).isNull();
  }

  @Test
  void theLastMatchingPatternDecidesAndNegationReincludes() {
    GitIgnore g = GitIgnore.parse("", "*.conf\n!nginx.conf\n# comment\n\n");
    assertThat(g.decides("deploy/site.conf", false)).isTrue();
    assertThat(g.decides("deploy/nginx.conf", false)).isFalse();
  }

  @Test
  void doubleStarsSpanFolders() {
    GitIgnore g = GitIgnore.parse("", "**/tmp\nlogs/**\na/**/b\n");
    assertThat(g.decides("tmp", true)).isTrue();
    assertThat(g.decides("x/y/tmp", true)).isTrue();
    assertThat(g.decides("logs/x/y.txt", false)).isTrue();
    assertThat(g.decides("logs", true)).isNull();
    assertThat(g.decides("a/b", true)).isTrue();
    assertThat(g.decides("a/x/y/b", true)).isTrue();
  }

  @Test
  void patternsApplyBelowTheirOwnFolder() {
    GitIgnore g = GitIgnore.parse("web", "/local.conf\n");
    assertThat(g.decides("web/local.conf", false)).isTrue();
    assertThat(g.decides("local.conf", false)).isNull();
    assertThat(g.decides("web/sub/local.conf", false)).isNull();
  }

  @Test
  void theWalkLeavesOutIgnoredFilesAndFoldersAndTheDefaultExcludes(@TempDir Path root) throws IOException {
    write(root, ".gitignore", "generated/\n*.bak\n");
    write(root, "deploy/nginx.conf", "server {}\n");
    write(root, "deploy/nginx.conf.bak", "server {}\n");
    write(root, "generated/site.conf", "server {}\n");
    write(root, "web/.gitignore", "local.conf\n!keep.bak\n");
    write(root, "web/local.conf", "server {}\n");
    write(root, "web/keep.bak", "server {}\n");
    write(root, "web/dist/app.conf", "server {}\n");
    write(root, "web/node_modules/x/nginx.conf", "server {}\n");
    FileSystemSourceTree tree = new FileSystemSourceTree(root);
    assertThat(tree.files()).extracting(f -> f.relative())
        .containsExactly(".gitignore", "deploy/nginx.conf", "web/.gitignore", "web/keep.bak");
    FileSystemSourceTree all = new FileSystemSourceTree(root, FileSystemSourceTree.DEFAULT_MAX_FILE_BYTES, false);
    assertThat(all.files()).extracting(f -> f.relative()).contains("generated/site.conf", "web/local.conf")
        .doesNotContain("web/dist/app.conf");
  }

  private static void write(Path root, String relative, String text) throws IOException {
    Path p = root.resolve(relative);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
  }
}
