package dev.corslint.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corslint.rules.Finding;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;

class FingerprintProperties {

  /** Whatever lines are added above the findings, none of their fingerprints changes. */
  @Property(tries = 50)
  void linesInsertedAboveDoNotChangeFingerprints(
      @ForAll @Size(max = 5) List<@AlphaChars @StringLength(max = 30) String> inserted) throws IOException {
    Path root = Files.createTempDirectory("corslint-fp");
    try {
      ReportFixture fixture = new ReportFixture(root);
      List<String> before = Fingerprints.of(fixture.full());

      StringBuilder above = new StringBuilder();
      inserted.forEach(line -> above.append("# ").append(line).append('\n'));
      fixture.write(ReportFixture.NGINX, above + ReportFixture.NGINX_TEXT);
      fixture.write(ReportFixture.EXPRESS, above + ReportFixture.EXPRESS_TEXT);
      List<Finding> moved = fixture.full().findings().stream()
          .map(f -> ReportFixture.shift(f, inserted.size()))
          .toList();

      assertThat(Fingerprints.of(fixture.result(moved, List.of()))).isEqualTo(before);
    } finally {
      try (Stream<Path> files = Files.walk(root)) {
        for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }
}
