package dev.corslint.ecosystems.express;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corslint.model.Extraction;
import dev.corslint.model.OriginMatcher;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Random and truncated JavaScript and TypeScript never break the scan: no exception escapes, nothing hangs,
 * and a good file next to a bad one still yields its policy.
 */
class ExpressBadInputProperties {

  private static final String GOOD = """
      const express = require('express');
      const cors = require('cors');
      const app = express();
      app.use(cors());
      app.get('/ok', (req, res) => res.json({}));
      """;

  private static final List<String> TOKENS = List.of(
      "app", ".use(", ".get(", "cors(", "{", "}", "(", ")", "[", "]", ",", ";", "origin:", "credentials: true",
      "'https://a.example'", "\"", "'", "`", "${", "=>", "/^https:\\/\\/x$/", "function", "(req, res, next)",
      "res.setHeader('Access-Control-Allow-Origin', ", "req.headers.origin", "callback(null, true)", "if (", "else",
      "return", "const x =", "...", "import", "from", "'./a'", "require('./a')", "module.exports =", "export default",
      "<div>", "</div>", ": string", "as const", "\n", " ", "\\", "/*", "*/", "//", "fetch(", "axios.create({",
      "process.env.X", ".split(',')", "new RegExp(", "?", ":", "!", "&&", "||", "===", "@Controller('x')", "\u0000", "😀");

  @Provide
  Arbitrary<String> tokenSoup() {
    return Arbitraries.of(TOKENS).list().ofMaxSize(120).map(l -> String.join("", l));
  }

  @Provide
  Arbitrary<String> fixtureText() throws IOException {
    List<String> texts;
    try (Stream<Path> s = Files.walk(Path.of("test-fixtures/express"))) {
      texts = s.filter(Files::isRegularFile).sorted(Comparator.naturalOrder()).map(p -> {
        try {
          return Files.readString(p);
        } catch (IOException e) {
          return "";
        }
      }).toList();
    }
    return Arbitraries.of(texts);
  }

  @Property(tries = 80)
  void randomSourcesNeverBreakTheScan(@ForAll("tokenSoup") String soup, @ForAll boolean typescript) throws IOException {
    check(Map.of("a/bad." + (typeof(typescript)), soup));
  }

  @Property(tries = 80)
  void truncatedRealFilesNeverBreakTheScan(@ForAll("fixtureText") String text, @ForAll @IntRange(min = 0, max = 1000) int permille,
      @ForAll boolean typescript) throws IOException {
    String cut = text.substring(0, (int) ((long) text.length() * permille / 1000));
    check(Map.of("a/bad." + typeof(typescript), cut, "a/other.js", "module.exports = " + cut));
  }

  @Example
  void pathologicalCodeIsCutShortNotFollowedForever() throws IOException {
    StringBuilder ifs = new StringBuilder();
    for (int i = 0; i < 40; i++) ifs.append("if (origin === 'https://o").append(i).append(".example') n++;\n");
    String code = """
        const express = require('express');
        const cors = require('cors');
        function a(x) { return b(x) || b(x + 1); }
        function b(x) { return a(x) && a(x - 1); }
        const big = Array.from({ length: 1000000 }, (_, i) => 'https://h' + i + '.example');
        const list = [%s];
        const app = express();
        app.use(cors({ origin(origin, cb) { let n = 0; %s cb(null, a(origin) || list.includes(origin) || n > 0); } }));
        app.get('/x', (req, res) => res.json({}));
        """.formatted("'https://a.example',".repeat(5000), ifs);
    long start = System.nanoTime();
    check(Map.of("a/evil.js", code));
    assertThat((System.nanoTime() - start) / 1_000_000).as("milliseconds").isLessThan(20_000);
  }

  @Example
  void aFiveMegabyteBundleIsSkippedWithANotice() throws IOException {
    StringBuilder bundle = new StringBuilder("var express=require('express'),cors=require('cors');");
    while (bundle.length() < 5_000_000) bundle.append("function a").append(bundle.length()).append("(b){return cors(b)+1};");
    Path dir = Files.createTempDirectory("corslint-bundle");
    try {
      Extraction x = ExpressTestSupport.extract(dir, Map.of("public/app.bundle.js", bundle.toString(), "z/server.js", GOOD,
          "public/chunk.js", bundle.substring(0, 900_000)));
      assertThat(x.notices()).anyMatch(n -> n.span() != null && n.span().file().equals("public/app.bundle.js") && n.message().contains("skipped"));
      assertThat(x.notices()).anyMatch(n -> n.span() != null && n.span().file().equals("public/chunk.js") && n.message().contains("minified"));
      assertThat(x.policies()).anyMatch(p -> p.scope().span().file().equals("z/server.js"));
    } finally {
      try (Stream<Path> s = Files.walk(dir)) {
        s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static String typeof(boolean typescript) {
    return typescript ? "ts" : "js";
  }

  private static void check(Map<String, String> bad) throws IOException {
    Path dir = Files.createTempDirectory("corslint-bad-input");
    try {
      java.util.Map<String, String> files = new java.util.HashMap<>(bad);
      files.put("z/server.js", GOOD);
      Extraction x = ExpressTestSupport.extract(dir, files);
      assertThat(x.notices()).noneMatch(n -> n.message().startsWith("internal error"));
      assertThat(x.policies()).anyMatch(p -> p.scope().span().file().equals("z/server.js")
          && p.allowedOrigins() instanceof OriginMatcher.Wildcard);
    } finally {
      try (Stream<Path> s = Files.walk(dir)) {
        s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
