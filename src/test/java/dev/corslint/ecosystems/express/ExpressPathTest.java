package dev.corslint.ecosystems.express;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corslint.model.Tri;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExpressPathTest {

  private static Tri route(String pattern, String path) {
    return ExpressPath.of(new JsValue.Str(pattern, null), false).match(path).matches();
  }

  private static ExpressPath.Match mount(String pattern, String path) {
    return ExpressPath.of(new JsValue.Str(pattern, null), true).match(path);
  }

  @Test
  void routesMatchWholePathsCaseInsensitivelyWithAnOptionalTrailingSlash() {
    assertThat(route("/users/:id", "/users/7")).isEqualTo(Tri.YES);
    assertThat(route("/users/:id", "/USERS/7/")).isEqualTo(Tri.YES);
    assertThat(route("/users/:id", "/users/7/posts")).isEqualTo(Tri.NO);
    assertThat(route("/users/:id", "/users")).isEqualTo(Tri.NO);
  }

  @Test
  void express4Syntax() {
    assertThat(route("*", "/anything/at/all")).isEqualTo(Tri.YES);
    assertThat(route("/files/*", "/files/a/b.txt")).isEqualTo(Tri.YES);
    assertThat(route("/users/:id?", "/users")).isEqualTo(Tri.YES);
    assertThat(route("/users/:id?", "/users/3")).isEqualTo(Tri.YES);
    assertThat(route("/users/:id(\\d+)", "/users/3")).isEqualTo(Tri.YES);
    assertThat(route("/users/:id(\\d+)", "/users/abc")).isEqualTo(Tri.NO);
  }

  @Test
  void express5Syntax() {
    assertThat(route("/{*splat}", "/a/b")).isEqualTo(Tri.YES);
    assertThat(route("/{*splat}", "/")).isEqualTo(Tri.YES);
    assertThat(route("/files/*path", "/files/a/b")).isEqualTo(Tri.YES);
    assertThat(route("/files/*path", "/files/")).isEqualTo(Tri.NO);
    assertThat(route("/users{/:id}", "/users")).isEqualTo(Tri.YES);
    assertThat(route("/users{/:id}", "/users/9")).isEqualTo(Tri.YES);
  }

  @Test
  void mountPathsMatchAtSegmentBoundariesAndStripThePrefix() {
    assertThat(mount("/api", "/api/users").rest()).isEqualTo("/users");
    assertThat(mount("/api", "/api").rest()).isEqualTo("/");
    assertThat(mount("/api/", "/api/users").rest()).isEqualTo("/users");
    assertThat(mount("/api", "/apix").matches()).isEqualTo(Tri.NO);
    assertThat(ExpressPath.root().match("/x").rest()).isEqualTo("/x");
  }

  @Test
  void regexPathsArraysAndUnknownPaths() {
    ExpressPath re = ExpressPath.of(new JsValue.RegexLit(".*fly$", "", null), false);
    assertThat(re.match("/butterfly").matches()).isEqualTo(Tri.YES);
    assertThat(re.match("/butterflyman").matches()).isEqualTo(Tri.NO);
    ExpressPath both = ExpressPath.of(new JsValue.Arr(List.of(new JsValue.Str("/a", null), new JsValue.Str("/b/:x", null)), null), false);
    assertThat(both.match("/b/1").matches()).isEqualTo(Tri.YES);
    ExpressPath unknown = ExpressPath.of(new JsValue.Unknown("env", null), false);
    assertThat(unknown.match("/x").matches()).isEqualTo(Tri.UNKNOWN);
  }

  @Test
  void samplesAreConcretePathsThePatternMatches() {
    for (String p : List.of("/users/:id", "/files/*", "/{*splat}", "/users{/:id}", "/a/:b?/c", "/x/:id(\\d+)")) {
      ExpressPath path = ExpressPath.of(new JsValue.Str(p, null), false);
      String sample = path.sample();
      assertThat(sample).as(p).isNotNull();
      if (!p.contains("(")) assertThat(path.match(sample).matches()).as(p + " ~ " + sample).isEqualTo(Tri.YES);
    }
  }
}
