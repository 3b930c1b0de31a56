package dev.corslint.rules;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OriginSyntaxTest {

  @ParameterizedTest
  @CsvSource({
      "https://example.com/, ends with a slash, https://example.com",
      "https://example.com/app, 'has a path, query or fragment', https://example.com",
      "example.com, has no scheme, https://example.com",
      "https://Example.com, has upper-case letters, https://example.com",
      "https://example.com:443, names the default port :443, https://example.com",
      "http://example.com:80, names the default port :80, http://example.com"})
  void problemsAndCorrections(String origin, String what, String corrected) {
    OriginSyntax.Problem p = OriginSyntax.check(origin, false).orElseThrow();
    assertThat(p.what()).isEqualTo(what);
    assertThat(p.corrected()).isEqualTo(corrected);
  }

  @Test
  void validOriginsAndLenientFrameworks() {
    assertThat(OriginSyntax.check("https://example.com", false)).isEmpty();
    assertThat(OriginSyntax.check("http://localhost:3000", false)).isEmpty();
    assertThat(OriginSyntax.check("null", false)).isEmpty();
    assertThat(OriginSyntax.check("https://Example.com/", true)).as("Spring ignores case and a trailing slash").isEmpty();
    assertThat(OriginSyntax.check("https://example.com:443", true)).isPresent();
    assertThat(OriginSyntax.check("https://*.example.com", false).orElseThrow().what()).contains("'*'");
    assertThat(OriginSyntax.check(" https://example.com", false).orElseThrow().corrected()).isEqualTo("https://example.com");
  }
}
