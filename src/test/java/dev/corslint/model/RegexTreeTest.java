package dev.corslint.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RegexTreeTest {

  @ParameterizedTest
  @ValueSource(strings = {
      "^/api/(v1|v2)/users/[0-9]+$", "\\.(?:js|css)$", "^/(?<tenant>[a-z-]+)/x{2,3}", "(?i)^/static/.+\\.png$",
      "^https://([a-z0-9-]+\\.)*example\\.com$", "a(?=b)b", "[^/]+/\\d{4}"})
  void sampleIsMatchedByThePattern(String regex) {
    String sample = RegexTree.sample(RegexTree.alternatives(regex).get(0));
    assertThat(Pattern.compile(regex).matcher(sample).find()).as(sample).isTrue();
  }

  @Test
  void structureIsRead() {
    RegexTree.Node n = RegexTree.parse("^(a+)+$");
    assertThat(n).isInstanceOf(RegexTree.Seq.class);
    RegexTree.Seq s = (RegexTree.Seq) n;
    assertThat(s.items()).hasSize(3);
    RegexTree.Quant outer = (RegexTree.Quant) s.items().get(1);
    assertThat(outer.unbounded()).isTrue();
    assertThat(((RegexTree.Group) outer.body()).body()).isInstanceOf(RegexTree.Seq.class);
    assertThat(RegexTree.alternatives("a|b|c")).hasSize(3);
    assertThat(RegexTree.nullable(RegexTree.parse("(x)?y*"))).isTrue();
    assertThat(RegexTree.nullable(RegexTree.parse("x?y"))).isFalse();
  }

  @Test
  void deepNestingDoesNotOverflow() {
    String deep = "(".repeat(50_000) + "a" + ")".repeat(50_000);
    assertThat(RegexTree.parse(deep)).isNotNull();
  }

  @Property(tries = 500)
  void anyTextIsReadWithoutThrowing(@ForAll @StringLength(max = 80) String text) {
    RegexTree.Node n = RegexTree.parse(text);
    assertThat(RegexTree.sample(n)).isNotNull();
  }
}
