package dev.corslint.live.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corslint.ecosystems.spring.SpringExtractor;
import dev.corslint.model.CorsPolicy;
import dev.corslint.model.SourceFile;
import dev.corslint.scan.FileSystemSourceTree;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The Spring fixtures the live tests run in a real Spring Boot ({@link LiveSpringApp}), with what each run needs:
 * the profile, the arguments, its policies as the scan builds them, its main class and whether it is secured.
 */
public final class SpringFixtures {

  public static final Path FIXTURES = Path.of("test-fixtures", "spring");

  private SpringFixtures() {}

  /**
   * The fixtures the live tests run, with the profile to activate and any argument the run needs. Not run: the
   * gateways (Spring Cloud Gateway is not on the test class path), campaign-api (an OAuth2 resource server needs
   * an issuer), legacy-admin (Spring Boot 2 API).
   */
  public record Run(String fixture, String profile, List<String> args, String why) {
    /** The fixture, and the profile when one is active. */
    public String label() {
      return fixture + (profile == null ? "" : " [profile " + profile + "]");
    }


    public Run(String fixture) {
      this(fixture, null, List.of(), null);
    }
  }

  public static final List<Run> RUNS = List.of(
      new Run("shop-api"),
      new Run("shop-api", "dev", List.of(), null),
      new Run("partner-portal"),
      new Run("billing-service"),
      new Run("inventory-api"),
      new Run("reports-api"),
      new Run("order-service"),
      new Run("catalog-service"),
      new Run("search-service"),
      new Run("legacy-crm"),
      new Run("partner-sync"),
      new Run("kiosk-api"),
      new Run("loyalty-api"),
      new Run("events-api"),
      new Run("storefront-api"),
      new Run("media-api"),
      new Run("payments-api", null, List.of("--server.ssl.enabled=false"), "TLS is switched off for the run: its key store is not in the fixture"),
      new Run("field-ops-api"),
      new Run("timesheet-api"),
      new Run("survey-api"),
      new Run("notification-api"),
      new Run("quote-service"),
      new Run("warehouse-api"));

  /** The fixture's policies for the run's profile, as the scanner builds them. */
  public static List<CorsPolicy> model(Path app, String profile) {
    FileSystemSourceTree tree = new FileSystemSourceTree(app);
    SpringExtractor x = new SpringExtractor();
    List<SourceFile> accepted = new ArrayList<>();
    for (SourceFile f : tree.files()) if (x.accepts(f, new byte[0])) accepted.add(f);
    String suffix = profile == null ? null : " (profile " + profile + ")";
    List<CorsPolicy> all = x.extract(accepted, tree).policies();
    List<CorsPolicy> out = new ArrayList<>();
    for (CorsPolicy p : all) {
      String d = p.scope().description();
      boolean variant = d.contains(" (profile ");
      if (suffix == null ? !variant : d.endsWith(suffix)) out.add(p);
    }
    if (profile != null && out.isEmpty()) {
      // the profile changes nothing the model reads: the default policies apply
      for (CorsPolicy p : all) if (!p.scope().description().contains(" (profile ")) out.add(p);
    }
    assertThat(out).as("policies of " + app).isNotEmpty();
    return out;
  }

  /** Whether the build has Spring Security, so that Boot configures it. */
  public static boolean buildDeclaresSecurity(Path app) throws IOException {
    return Files.readString(app.resolve("pom.xml")).contains("spring-boot-starter-security");
  }

  private static final Pattern PACKAGE = Pattern.compile("^package\\s+([\\w.]+);", Pattern.MULTILINE);

  /** The class annotated {@code @SpringBootApplication}. */
  public static String mainClass(Path app) throws IOException {
    try (Stream<Path> s = Files.walk(app.resolve("src/main/java"))) {
      for (Path p : s.filter(f -> f.toString().endsWith(".java")).toList()) {
        String text = Files.readString(p);
        if (!text.contains("@SpringBootApplication")) continue;
        Matcher m = PACKAGE.matcher(text);
        String name = p.getFileName().toString().replace(".java", "");
        return m.find() ? m.group(1) + "." + name : name;
      }
    }
    throw new IOException("no @SpringBootApplication class in " + app);
  }
}
