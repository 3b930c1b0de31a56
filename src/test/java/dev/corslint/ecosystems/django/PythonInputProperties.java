package dev.corslint.ecosystems.django;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.corslint.scan.ScanResult;
import dev.corslint.scan.Scanner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Broken Python never breaks the scan: random token soup, truncated settings and absurdly deep nesting are
 * read without an exception escaping, within a time limit, and a good project scanned after the bad file
 * still gets its finding.
 */
class PythonInputProperties {

  private static final String GOOD_SETTINGS = """
      INSTALLED_APPS = ["corsheaders"]
      MIDDLEWARE = ["corsheaders.middleware.CorsMiddleware"]
      CORS_ALLOW_ALL_ORIGINS = True
      CORS_ALLOW_CREDENTIALS = True
      """;

  private static final String REALISTIC = """
      import os
      from pathlib import Path
      from corsheaders.defaults import default_headers
      from .base import *  # noqa

      DEBUG = os.environ.get("DEBUG", "0") == "1"
      ALLOWED_HOSTS = os.environ.get("ALLOWED_HOSTS", "api.example.com").split(",")
      INSTALLED_APPS = ["django.contrib.auth", "corsheaders", "api"]
      MIDDLEWARE = [
          "corsheaders.middleware.CorsMiddleware",
          "django.middleware.common.CommonMiddleware",
      ]
      CORS_ALLOWED_ORIGINS = [o.strip() for o in os.environ.get("ORIGINS", "https://a.example").split(",") if o]
      CORS_ALLOWED_ORIGIN_REGEXES = [r"^https://([a-z0-9-]+\\.)?example\\.com$"]
      CORS_ALLOW_HEADERS = (*default_headers, "x-api-key")
      if DEBUG:
          CORS_ALLOWED_ORIGINS += [f"http://localhost:{3000 + 1}"]
      CORS_URLS_REGEX = r"^/api/.*$"
      class Config:
          CORS_ORIGINS = ["https://x.example"]
      """;

  private static final List<String> TOKENS = List.of(
      "CORS_ALLOWED_ORIGINS", "CORS_ALLOW_ALL_ORIGINS", "MIDDLEWARE", "INSTALLED_APPS", "DEBUG", "=", "+=", "[", "]",
      "(", ")", "{", "}", ",", ":", ".", "*", "\"https://a.example\"", "'", "\"", "f\"{", "r'", "\\", "\n", "\n    ",
      "if", "else:", "elif", "from", "import", "*", ".base", "os.environ.get(", "env.list(", "default=", "True", "False",
      "None", "lambda", "for", "in", "not", "and", "or", "def", "class", "return", "#", "\"\"\"", "0x", "1_000", "@",
      "CORS(app", "add_middleware(CORSMiddleware", "request.headers[", "request.META.get(", "\t", "😀", "\u0000");

  @Provide
  Arbitrary<String> tokenSoup() {
    return Arbitraries.of(TOKENS).list().ofMaxSize(200).map(l -> String.join(" ", l));
  }

  @Property(tries = 40)
  void randomTokensNeverBreakTheScan(@ForAll("tokenSoup") String source) throws IOException {
    scanWithGoodProjectAfter(source);
  }

  @Property(tries = 40)
  void truncatedSettingsNeverBreakTheScan(@ForAll @IntRange(min = 0, max = 1400) int cut) throws IOException {
    scanWithGoodProjectAfter(REALISTIC.substring(0, Math.min(cut, REALISTIC.length())));
  }

  @Property(tries = 12)
  void deepNestingNeverBreaksTheScan(@ForAll @IntRange(min = 1, max = 20_000) int depth, @ForAll @IntRange(min = 0, max = 4) int shape)
      throws IOException {
    String source = switch (shape) {
      case 0 -> "CORS_ALLOWED_ORIGINS = " + "[".repeat(depth) + "]".repeat(depth) + "\n";
      case 1 -> "CORS_ALLOW_ALL_ORIGINS = " + "(".repeat(depth) + "True" + ")".repeat(depth) + "\n";
      case 2 -> "CORS_ALLOWED_ORIGINS = [\"a\"" + " + [\"b\"]".repeat(Math.min(depth, 3000)) + "]\n";
      case 3 -> {
        StringBuilder sb = new StringBuilder();
        int d = Math.min(depth, 300);
        for (int i = 0; i < d; i++) sb.append("    ".repeat(i)).append("if DEBUG:\n");
        sb.append("    ".repeat(d)).append("CORS_ALLOW_ALL_ORIGINS = True\n");
        yield sb.toString();
      }
      default -> "X = " + "not ".repeat(depth) + "DEBUG\nCORS_ALLOW_CREDENTIALS = X\n";
    };
    scanWithGoodProjectAfter(source);
  }

  private void scanWithGoodProjectAfter(String bad) throws IOException {
    Path root = Files.createTempDirectory("corslint-py");
    try {
      Files.createDirectories(root.resolve("a-bad/site"));
      Files.createDirectories(root.resolve("z-good/site"));
      Files.writeString(root.resolve("a-bad/site/settings.py"), bad, StandardCharsets.UTF_8);
      Files.writeString(root.resolve("a-bad/app.py"), "from flask_cors import CORS\n" + bad, StandardCharsets.UTF_8);
      Files.writeString(root.resolve("a-bad/main.py"), "from fastapi.middleware.cors import CORSMiddleware\n" + bad, StandardCharsets.UTF_8);
      Files.writeString(root.resolve("z-good/manage.py"), "");
      Files.writeString(root.resolve("z-good/site/settings.py"), GOOD_SETTINGS);
      ScanResult result = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> new Scanner().scan(root, null));
      assertThat(result.notices()).noneMatch(n -> n.message().startsWith("internal error"));
      assertThat(result.findings()).anyMatch(f -> f.ruleId().equals("origin-reflection")
          && f.location().file().equals("z-good/site/settings.py") && f.location().line() == 3);
    } finally {
      try (Stream<Path> files = Files.walk(root)) {
        for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
      }
    }
  }
}
