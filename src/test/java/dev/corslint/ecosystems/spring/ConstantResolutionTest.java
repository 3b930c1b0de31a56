package dev.corslint.ecosystems.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corslint.model.CorsPolicy;
import dev.corslint.model.OriginMatcher;
import dev.corslint.model.Request;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Origins written as constants, properties and configuration classes end up in the policy with their own lines. */
class ConstantResolutionTest {

  private static final String CONTROLLER = """
      import org.springframework.web.bind.annotation.*;

      @RestController
      public class PingController {
        @GetMapping("/api/ping") public String ping() { return "pong"; }
      }
      """;

  private static List<String> origins(CorsPolicy p) {
    return p.allowedOrigins().leaves().stream().map(l -> l instanceof OriginMatcher.Exact e ? e.origin() + "@" + e.span().file().replaceFirst(".*/", "") + ":" + e.span().line() : l.toString()).toList();
  }

  private static String config(String imports, String fields, String origins) {
    return """
        import org.springframework.context.annotation.Configuration;
        import org.springframework.web.servlet.config.annotation.*;
        %s

        @Configuration
        public class WebConfig implements WebMvcConfigurer {
        %s
          @Override
          public void addCorsMappings(CorsRegistry registry) {
            registry.addMapping("/api/**").allowedOrigins(%s);
          }
        }
        """.formatted(imports, fields, origins);
  }

  @Test
  void constantsOfOtherClassesStaticImportsAndInterfaces() {
    try (SpringProject p = new SpringProject()) {
      p.java("PingController", CONTROLLER)
          .java("Origins", """
              public final class Origins {
                public static final String SHOP = "https://shop.example.com";
                public static final String[] ALL = { SHOP, Hosts.ADMIN, "https://" + Hosts.DOCS_HOST };
                private Origins() {}
              }
              """)
          .java("Hosts", """
              public interface Hosts {
                String ADMIN = "https://admin.example.com";
                String DOCS_HOST = "docs.example.com";
              }
              """)
          .java("WebConfig", config("import static com.example.Origins.ALL;", "", "ALL"));
      assertThat(origins(p.policy("/api/ping"))).containsExactly(
          "https://shop.example.com@Origins.java:4", "https://admin.example.com@Hosts.java:4", "https://docs.example.com@Origins.java:5");
    }
  }

  @Test
  void valueAnnotationsReadTheConfigurationWithDefaultsAndSpel() {
    try (SpringProject p = new SpringProject()) {
      p.java("PingController", CONTROLLER)
          .java("WebConfig", config("import org.springframework.beans.factory.annotation.Value;", """
                @Value("${cors.origins}")
                private List<String> origins;
                @Value("${cors.extra:https://fallback.example.com}")
                private String extra;
                @Value("#{'${cors.more}'.split(',')}")
                private String[] more;
              """, "origins.toArray(new String[0])").replace("allowedOrigins(origins.toArray(new String[0]))",
              "allowedOrigins(origins.toArray(new String[0])).allowedOriginPatterns(extra).allowedOriginPatterns(more)")
              .replace("import org.springframework.beans.factory.annotation.Value;", "import org.springframework.beans.factory.annotation.Value;\nimport java.util.List;"))
          .yaml("application.yml", """
              cors:
                origins:
                  - https://a.example.com
                  - https://b.example.com
                more: https://c.example.com,https://d.example.com
              """);
      CorsPolicy ping = p.policy("/api/ping");
      assertThat(origins(ping)).startsWith("https://a.example.com@application.yml:3", "https://b.example.com@application.yml:4");
      // allowedOriginPatterns replaces the list on each call: the last one wins
      assertThat(ping.allowedOrigins().accepts("https://d.example.com").name()).isEqualTo("YES");
      assertThat(ping.allowedOrigins().accepts("https://fallback.example.com").name()).isEqualTo("NO");
    }
  }

  @Test
  void configurationPropertiesGettersAndRecords() {
    try (SpringProject p = new SpringProject()) {
      p.java("PingController", CONTROLLER)
          .java("CorsProperties", """
              import java.util.List;
              import org.springframework.boot.context.properties.ConfigurationProperties;

              @ConfigurationProperties(prefix = "app.cors")
              public class CorsProperties {
                private List<String> allowedOrigins = List.of("https://default.example.com");
                private long maxAge = 7200;
                public List<String> getAllowedOrigins() { return allowedOrigins; }
                public long getMaxAge() { return maxAge; }
              }
              """)
          .java("WebConfig", """
              import org.springframework.context.annotation.Configuration;
              import org.springframework.web.servlet.config.annotation.*;

              @Configuration
              public class WebConfig implements WebMvcConfigurer {
                private final CorsProperties cors;

                public WebConfig(CorsProperties cors) {
                  this.cors = cors;
                }

                @Override
                public void addCorsMappings(CorsRegistry registry) {
                  registry.addMapping("/api/**")
                      .allowedOrigins(cors.getAllowedOrigins().toArray(String[]::new))
                      .allowedMethods("GET", "PUT")
                      .maxAge(cors.getMaxAge());
                }
              }
              """)
          .file("src/main/resources/application.properties", "app.cors.allowed-origins=https://props.example.com\n");
      CorsPolicy ping = p.policy("/api/ping");
      assertThat(origins(ping)).containsExactly("https://props.example.com@application.properties:1");
      var pre = ping.respond(Request.preflight("/api/ping", "https://props.example.com", "PUT", List.of()));
      assertThat(pre.value("Access-Control-Max-Age")).contains("7200");
    }
  }

  @Test
  void localListsAndLoopsAndEnvironmentLookups() {
    try (SpringProject p = new SpringProject()) {
      p.java("PingController", CONTROLLER)
          .java("CorsConfig", """
              import java.time.Duration;
              import java.util.ArrayList;
              import java.util.List;
              import org.springframework.context.annotation.*;
              import org.springframework.core.env.Environment;
              import org.springframework.web.cors.*;

              @Configuration
              public class CorsConfig {
                private static final List<String> PATHS = List.of("/api/**", "/files/**");

                @Bean
                public CorsConfigurationSource corsConfigurationSource(Environment env) {
                  List<String> origins = new ArrayList<>();
                  origins.add("https://app.example.com");
                  origins.add(env.getProperty("partner.origin", "https://partner.example.com"));
                  CorsConfiguration config = new CorsConfiguration();
                  config.setAllowedOrigins(origins);
                  config.setMaxAge(Duration.ofHours(2));
                  config.addAllowedMethod(org.springframework.http.HttpMethod.PUT);
                  UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
                  for (String path : PATHS) {
                    source.registerCorsConfiguration(path, config);
                  }
                  return source;
                }
              }
              """)
          .java("SecurityConfig", """
              import org.springframework.context.annotation.*;
              import org.springframework.security.config.Customizer;
              import org.springframework.security.config.annotation.web.builders.HttpSecurity;
              import org.springframework.security.web.SecurityFilterChain;

              @Configuration
              public class SecurityConfig {
                @Bean
                SecurityFilterChain chain(HttpSecurity http) throws Exception {
                  return http.cors(Customizer.withDefaults()).build();
                }
              }
              """);
      CorsPolicy ping = p.policy("/api/ping");
      assertThat(origins(ping)).containsExactly("https://app.example.com@CorsConfig.java:17", "https://partner.example.com@CorsConfig.java:18");
      var pre = ping.respond(Request.preflight("/api/ping", "https://partner.example.com", "PUT", List.of()));
      assertThat(pre.value("Access-Control-Max-Age")).contains("7200");
      assertThat(pre.value("Access-Control-Allow-Methods")).contains("PUT");
      assertThat(p.policy("/files/**").allowedOrigins().leaves()).hasSize(2);
    }
  }

  @Test
  void environmentVariablesAreUnknownWithANotice() {
    try (SpringProject p = new SpringProject()) {
      p.java("PingController", CONTROLLER).java("WebConfig", config("", "", "System.getenv(\"CORS_ORIGINS\")"));
      CorsPolicy ping = p.policy("/api/ping");
      assertThat(ping.allowedOrigins().leaves()).singleElement().isInstanceOf(OriginMatcher.Opaque.class);
      assertThat(p.notices()).anySatisfy(n -> assertThat(n.message()).contains("CORS_ORIGINS"));
      var r = ping.respond(Request.actual("/api/ping", "GET", "https://x.example.com"));
      assertThat(r.status().isUnknown()).isTrue();
    }
  }
}
