package dev.corslint.report;

import dev.corslint.scan.ScanResult;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Renders one scan result in one output format. */
public interface Report {

  void write(ScanResult result, Appendable out) throws IOException;

  /**
   * Writes UTF-8 whatever the platform default, because SARIF and JSON consumers expect it. Flushes but
   * does not close {@code out}. (Not an overload of {@link #write(ScanResult, Appendable)}: a PrintStream is
   * both, and the call would be ambiguous.)
   */
  default void writeUtf8(ScanResult result, OutputStream out) throws IOException {
    Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
    write(result, writer);
    writer.flush();
  }

  /** Writes the report to {@code file} in UTF-8, creating its directory and replacing an older report. */
  default void write(ScanResult result, Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      write(result, writer);
    }
  }

  default String render(ScanResult result) {
    StringBuilder out = new StringBuilder();
    try {
      write(result, out);
    } catch (IOException e) {
      // A StringBuilder never throws; this only satisfies the signature.
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }
}
