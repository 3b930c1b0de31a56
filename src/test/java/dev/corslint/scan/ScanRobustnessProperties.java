package dev.corslint.scan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corslint.rules.Finding;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Bad input never stops a scan: whatever sits in the files before it, a good configuration still produces
 * its finding, and nothing escapes as an exception.
 */
class ScanRobustnessProperties {

  private static final String GOOD = """
      server {
          listen 443 ssl;
          server_name api.example.com;
          location /api/ {
              add_header Access-Control-Allow-Origin $http_origin always;
              add_header Vary Origin always;
              proxy_pass http://app;
          }
      }
      """;

  private static final String REAL = """
      map $http_origin $cors_origin {
          default "";
          "~^https://(www\\\\.)?example\\\\.com$" $http_origin;
      }
      server {
          listen 80;
          server_name example.com;
          if ($request_method = OPTIONS) { return 204; }
          location ~* ^/v1/(users|orders)/{id} {
              limit_except GET POST { deny all; }
              add_header 'Access-Control-Allow-Origin' "$cors_origin" always;
              content_by_lua_block { ngx.say("}{") }
              include snippets/*.conf;
          }
      }
      """;

  @Provide
  Arbitrary<String> hostile() {
    Arbitrary<String> noise = Arbitraries.strings().all().ofMaxLength(400);
    Arbitrary<String> truncated = Arbitraries.integers().between(0, REAL.length()).map(n -> REAL.substring(0, n));
    Arbitrary<String> nested = Arbitraries.integers().between(1, 20_000).map(n -> "server { " + "location / { ".repeat(n));
    Arbitrary<String> shuffled = Arbitraries.strings().withChars("{};\"'$#~*^()\\ \nserverlocationadd_header").ofMaxLength(600);
    return Arbitraries.oneOf(noise, truncated, nested, shuffled);
  }

  @Property(tries = 60)
  void goodFilesKeepTheirFindingsWhateverComesFirst(
      @ForAll("hostile") String first, @ForAll("hostile") String second, @ForAll @IntRange(min = 0, max = 2) int binary)
      throws IOException {
    Path dir = Files.createTempDirectory("corslint-robust");
    try {
      // getBytes replaces lone surrogates instead of refusing them, so any generated text can be written.
      Files.write(dir.resolve("a.conf"), first.getBytes(StandardCharsets.UTF_8));
      Files.write(dir.resolve("b-sites.conf"), second.getBytes(StandardCharsets.UTF_8));
      if (binary > 0) Files.write(dir.resolve("c.conf"), new byte[] {'s', 'e', 'r', 'v', 'e', 'r', 0, (byte) 0xff});
      Files.writeString(dir.resolve("z.conf"), GOOD, StandardCharsets.UTF_8);
      ScanResult r = new Scanner().scan(dir, null);
      assertThat(r.findings()).extracting(Finding::ruleId, f -> f.location().file())
          .contains(org.assertj.core.groups.Tuple.tuple("origin-reflection", "z.conf"));
      assertThat(r.notices()).noneMatch(n -> n.message().startsWith("internal error"));
    } finally {
      try (Stream<Path> s = Files.walk(dir)) {
        s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
