package dev.corslint.report;

import dev.corslint.model.Notice;
import dev.corslint.model.SourceSpan;
import dev.corslint.rules.Finding;
import dev.corslint.rules.Level;
import dev.corslint.rules.RelatedLocation;
import dev.corslint.rules.RuleMetadata;
import dev.corslint.scan.ScanResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A small scanned tree on disk and a hand-built scan result over it, shared by the report tests. */
final class ReportFixture {

  static final String NGINX = "nginx/site.conf";
  static final String EXPRESS = "web/app.js";

  static final String NGINX_TEXT =
      """
      server {
          listen 80;
          location /api/ {
              add_header Access-Control-Allow-Origin $http_origin always;
              add_header Access-Control-Allow-Credentials true always;
              add_header Access-Control-Max-Age 864000;
          }
      }
      """;

  /** Tab-indented, to check that the caret follows expanded tabs. */
  static final String EXPRESS_TEXT =
      "const cors = require('cors');\n"
          + "function setup(app) {\n"
          + "\tapp.use(cors({ origin: true, credentials: true }));\n"
          + "}\n";

  static final RuleMetadata ORIGIN_REFLECTION =
      new RuleMetadata(
          "origin-reflection",
          "OriginReflection",
          "Origin reflected without a check",
          "The request Origin is echoed back in Access-Control-Allow-Origin without a real check.",
          "Any site can read responses, with the user's cookies when credentials are allowed.",
          Level.ERROR,
          Optional.of(Level.WARNING),
          "security",
          Optional.of("9.1"),
          "high",
          List.of("security", "external/cwe/cwe-942"),
          List.of("nginx", "express"),
          """
          ## Why it matters

          Reflecting **any** `Origin` lets `https://attacker.example` read *every* response.
          See [the Fetch standard](https://fetch.spec.whatwg.org/#http-cors-protocol).

          ### Wrong (nginx)

          ```nginx
          add_header Access-Control-Allow-Origin $http_origin;
          ```

          ### Fixed (nginx)

          ```nginx
          map $http_origin $cors_origin { "https://app.example" $http_origin; }
          ```
          """);

  static final RuleMetadata MISSING_VARY =
      new RuleMetadata(
          "missing-vary-origin",
          "MissingVaryOrigin",
          "Vary: Origin missing",
          "Access-Control-Allow-Origin is chosen per request but the response does not vary on Origin.",
          "Caches and CDNs will serve one origin's answer to another.",
          Level.WARNING,
          Optional.empty(),
          "correctness",
          Optional.empty(),
          "very-high",
          List.of("correctness"),
          List.of("nginx"),
          "Add `Vary: Origin` to every response whose `Access-Control-Allow-Origin` depends on the request.");

  static final RuleMetadata EXCESSIVE_MAX_AGE =
      new RuleMetadata(
          "excessive-max-age",
          "ExcessiveMaxAge",
          "Max-Age beyond what browsers honour",
          "Access-Control-Max-Age is above what any browser honours.",
          "Chromium caps preflight caching at 7200 s and Firefox at 86400 s.",
          Level.NOTE,
          Optional.empty(),
          "correctness",
          Optional.empty(),
          "very-high",
          List.of("correctness"),
          List.of("nginx", "express", "django", "spring"),
          "Use a value of at most `86400`.");

  final Path root;

  ReportFixture(Path root) {
    this.root = root;
    write(NGINX, NGINX_TEXT);
    write(EXPRESS, EXPRESS_TEXT);
  }

  void write(String file, String text) {
    try {
      Path path = root.resolve(file);
      Files.createDirectories(path.getParent());
      Files.writeString(path, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Map<String, RuleMetadata> rules() {
    Map<String, RuleMetadata> rules = new LinkedHashMap<>();
    for (RuleMetadata rule : List.of(ORIGIN_REFLECTION, MISSING_VARY, EXCESSIVE_MAX_AGE)) {
      rules.put(rule.id(), rule);
    }
    return rules;
  }

  /** {@code add_header Access-Control-Allow-Origin $http_origin} on nginx line 4. */
  static Finding reflection() {
    return new Finding(
        "origin-reflection",
        Level.ERROR,
        "Any origin is reflected: https://attacker.example can read responses with the user's cookies.",
        span(NGINX, 4, "add_header Access-Control-Allow-Origin $http_origin"),
        List.of(
            new RelatedLocation(
                span(NGINX, 5, "add_header Access-Control-Allow-Credentials true"), "credentials allowed here")),
        "server :80 location /api/",
        "https://attacker.example");
  }

  static Finding missingVary() {
    return new Finding(
        "missing-vary-origin",
        Level.WARNING,
        "Access-Control-Allow-Origin depends on the request but no Vary: Origin is sent.",
        span(NGINX, 4, "add_header Access-Control-Allow-Origin $http_origin"),
        List.of(),
        "server :80 location /api/",
        "");
  }

  static Finding maxAge() {
    return new Finding(
        "excessive-max-age",
        Level.NOTE,
        "Access-Control-Max-Age 864000 is above every browser's cap; Chromium keeps preflights 7200 s.",
        span(NGINX, 6, "864000"),
        List.of(),
        "server :80 location /api/",
        "864000");
  }

  /** {@code origin: true} on the tab-indented line 3 of the Express file. */
  static Finding expressReflection() {
    return new Finding(
        "origin-reflection",
        Level.ERROR,
        "origin: true reflects every origin.",
        span(EXPRESS, 3, "origin: true"),
        List.of(new RelatedLocation(span(EXPRESS, 3, "credentials: true"), "credentials: true")),
        "app",
        "https://attacker.example");
  }

  /** The same finding after {@code lines} lines were inserted above it and its related locations. */
  static Finding shift(Finding finding, int lines) {
    return new Finding(
        finding.ruleId(),
        finding.level(),
        finding.message(),
        shift(finding.location(), lines),
        finding.related().stream()
            .map(r -> new RelatedLocation(shift(r.span(), lines), r.message()))
            .toList(),
        finding.scope(),
        finding.key());
  }

  static SourceSpan shift(SourceSpan span, int lines) {
    return new SourceSpan(
        span.file(), span.line() + lines, span.column(), span.endLine() + lines, span.endColumn());
  }

  /** The span of {@code needle} on a line of the fixture text as first written. */
  static SourceSpan span(String file, int line, String needle) {
    String text = SourceLines.split(file.equals(NGINX) ? NGINX_TEXT : EXPRESS_TEXT).get(line - 1);
    int column = text.indexOf(needle) + 1;
    if (column == 0) {
      throw new IllegalArgumentException(needle + " is not on " + file + ":" + line);
    }
    return new SourceSpan(file, line, column, line, column + needle.length());
  }

  static List<Notice> notices() {
    return List.of(
        Notice.warning("Origin comes from $cors_origin, which is set from an environment variable.",
            SourceSpan.at(NGINX, 4, 9)),
        Notice.error("Could not parse: unexpected '}'.", SourceSpan.at("broken/other.conf", 12, 1)),
        Notice.note("No Django settings module found.", null));
  }

  ScanResult result(List<Finding> findings, List<Notice> notices) {
    return new ScanResult(root, findings, notices, rules(), 12, 4);
  }

  ScanResult full() {
    return result(
        List.of(expressReflection(), reflection(), missingVary(), maxAge()).stream()
            .sorted(Finding.ORDER)
            .toList(),
        notices());
  }

  ScanResult empty() {
    return result(List.of(), List.of());
  }
}
