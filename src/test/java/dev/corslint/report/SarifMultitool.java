package dev.corslint.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Microsoft's SARIF multitool ({@code npm install @microsoft/sarif-multitool}), which checks what the schema
 * cannot: the SARIF spec's own rules and GitHub code scanning's ("Sarif;Ghas"). Found through
 * {@code CORSLINT_SARIF_MULTITOOL} (the binary's path) or a {@code node_modules} in or above the working
 * directory. It exits 0 even when it finds problems, so its own SARIF output is read instead.
 */
public final class SarifMultitool {

  private static final String BINARY = "node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool";
  private static final ObjectMapper JSON = new ObjectMapper();

  private SarifMultitool() {}

  public static Optional<Path> find() {
    String fromEnv = System.getenv("CORSLINT_SARIF_MULTITOOL");
    if (fromEnv != null && !fromEnv.isBlank()) {
      return Optional.of(Path.of(fromEnv)).filter(Files::isExecutable);
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve(BINARY);
      if (Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /** The multitool's error- and warning-level findings on {@code sarifJson}, as "RULE: arguments" lines. */
  public static List<String> problems(Path multitool, String sarifJson) throws IOException, InterruptedException {
    Path dir = Files.createTempDirectory("corslint-multitool");
    try {
      return run(multitool, sarifJson, dir);
    } finally {
      try (var files = Files.walk(dir)) {
        for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  private static List<String> run(Path multitool, String sarifJson, Path dir)
      throws IOException, InterruptedException {
    Path input = dir.resolve("input.sarif");
    Path output = dir.resolve("validation.sarif");
    Files.writeString(input, sarifJson);
    // The file goes first: the list options would swallow a file that follows them.
    Process process =
        new ProcessBuilder(
                multitool.toString(), "validate", input.toString(),
                "--rule-kind", "Sarif;Ghas", "--level", "Error;Warning",
                "--output", output.toString(), "--log", "ForceOverwrite")
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("console.txt").toFile())
            .start();
    if (!process.waitFor(3, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new IOException("the SARIF multitool did not finish in 3 minutes");
    }
    if (!Files.isRegularFile(output)) {
      throw new IOException("the SARIF multitool wrote no output: " + Files.readString(dir.resolve("console.txt")));
    }
    List<String> problems = new ArrayList<>();
    for (JsonNode run : JSON.readTree(output.toFile()).path("runs")) {
      for (JsonNode result : run.path("results")) {
        String level = result.path("level").asText("warning");
        if (level.equals("error") || level.equals("warning")) {
          problems.add(level + " " + result.path("ruleId").asText() + ": "
              + result.path("message").path("arguments"));
        }
      }
      for (JsonNode invocation : run.path("invocations")) {
        for (JsonNode n : invocation.path("toolExecutionNotifications")) {
          problems.add("notification: " + n.path("message").path("text").asText());
        }
      }
    }
    return problems;
  }
}
