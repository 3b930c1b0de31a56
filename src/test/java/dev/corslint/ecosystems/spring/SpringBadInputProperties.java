package dev.corslint.ecosystems.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corslint.rules.Finding;
import dev.corslint.scan.ScanResult;
import dev.corslint.scan.Scanner;
import java.time.Duration;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Assertions;

/** Random and truncated Java and YAML never crash or hang the scan, and the application after them is still checked. */
class SpringBadInputProperties {

  private static final String CONFIG = """
      package com.example.bad;

      import java.util.List;
      import org.springframework.beans.factory.annotation.Value;
      import org.springframework.context.annotation.*;
      import org.springframework.security.config.annotation.web.builders.HttpSecurity;
      import org.springframework.security.web.SecurityFilterChain;
      import org.springframework.web.cors.*;
      import org.springframework.web.servlet.config.annotation.*;

      @Configuration
      public class WebConfig implements WebMvcConfigurer {
        private static final String[] ORIGINS = { "https://app.example.com", "http://localhost:3000" };

        @Value("${cors.origins:https://fallback.example.com}")
        private List<String> origins;

        @Override
        public void addCorsMappings(CorsRegistry registry) {
          registry.addMapping("/api/**").allowedOriginPatterns("https://*.example.com").allowCredentials(true);
        }

        @Bean
        SecurityFilterChain chain(HttpSecurity http) throws Exception {
          return http.cors(c -> c.configurationSource(request -> {
            CorsConfiguration config = new CorsConfiguration();
            config.setAllowedOrigins(List.of(ORIGINS));
            return config;
          })).authorizeHttpRequests(a -> a.requestMatchers("/public/**").permitAll().anyRequest().authenticated()).build();
        }
      }
      """;

  private static final String YAML = """
      spring:
        cloud:
          gateway:
            globalcors:
              cors-configurations:
                '[/**]':
                  allowed-origins: "*"
                  allow-credentials: true
      management:
        endpoints:
          web:
            cors:
              allowed-origins: &o [https://ops.example.com]
      cors:
        origins: *o
      """;

  private static final String GOOD_CONTROLLER = """
      package com.example.good;

      import org.springframework.web.bind.annotation.*;

      @RestController
      @CrossOrigin(origins = "null")
      public class GoodController {
        @GetMapping("/good") public String good() { return "ok"; }
      }
      """;

  @Property(tries = 40)
  void truncatedJavaAndYaml(@ForAll @IntRange(min = 0, max = 2000) int javaCut, @ForAll @IntRange(min = 0, max = 400) int yamlCut) {
    scanSurvives(CONFIG.substring(0, Math.min(javaCut, CONFIG.length())), YAML.substring(0, Math.min(yamlCut, YAML.length())));
  }

  @Property(tries = 40)
  void mangledJavaAndYaml(@ForAll("mangled") String java, @ForAll("mangledYaml") String yaml) {
    scanSurvives(java, yaml);
  }

  @Property(tries = 30)
  void randomText(@ForAll @StringLength(max = 600) String java, @ForAll @StringLength(max = 300) String yaml) {
    scanSurvives(java, yaml);
  }

  @Provide
  Arbitrary<String> mangled() {
    return mutate(CONFIG);
  }

  @Provide
  Arbitrary<String> mangledYaml() {
    return mutate(YAML);
  }

  /** The text with a random slice replaced by random characters, including brackets, quotes and braces. */
  private static Arbitrary<String> mutate(String text) {
    Arbitrary<Integer> at = Arbitraries.integers().between(0, text.length());
    Arbitrary<Integer> len = Arbitraries.integers().between(0, 40);
    Arbitrary<String> junk = Arbitraries.strings().withChars("{}()[]\"'`;:,.*&!|<>-@#$%\\\n\t abcxyz019").ofMaxLength(30);
    return net.jqwik.api.Combinators.combine(at, len, junk).as((a, l, j) -> {
      int end = Math.min(text.length(), a + l);
      return text.substring(0, a) + j + text.substring(end);
    });
  }

  private static void scanSurvives(String java, String yaml) {
    try (SpringProject p = new SpringProject()) {
      p.file("bad/pom.xml", "<project/>")
          .file("bad/src/main/java/com/example/bad/WebConfig.java", java)
          .file("bad/src/main/resources/application.yml", yaml)
          .file("good/pom.xml", "<project/>")
          .file("good/src/main/java/com/example/good/GoodController.java", GOOD_CONTROLLER);
      ScanResult r = Assertions.assertTimeoutPreemptively(Duration.ofSeconds(20), () -> new Scanner().scan(p.root(), null));
      assertThat(r.notices()).noneMatch(n -> n.message().startsWith("internal error"));
      List<Finding> good = r.findings().stream().filter(f -> f.location().file().startsWith("good/")).toList();
      assertThat(good).extracting(Finding::ruleId).contains("null-origin-allowed");
    }
  }
}
