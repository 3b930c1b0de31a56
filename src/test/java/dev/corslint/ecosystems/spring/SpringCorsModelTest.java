package dev.corslint.ecosystems.spring;

import static dev.corslint.ecosystems.spring.SpringProject.cors;
import static dev.corslint.ecosystems.spring.SpringProject.get;
import static dev.corslint.ecosystems.spring.SpringProject.preflight;
import static org.assertj.core.api.Assertions.assertThat;

import dev.corslint.explain.ExplainRequest;
import dev.corslint.explain.Explainer;
import dev.corslint.explain.Explanation;
import dev.corslint.explain.ExplanationText;
import dev.corslint.model.CorsPolicy;
import dev.corslint.model.Environment;
import dev.corslint.model.OriginMatcher;
import dev.corslint.model.Request;
import dev.corslint.model.Response;
import dev.corslint.model.Tri;
import dev.corslint.model.Value;
import java.util.List;
import org.junit.jupiter.api.Test;

/** respond() against what Spring Boot 3.5 / Spring 6.2 was seen to send (see SEMANTICS.md and the live test). */
class SpringCorsModelTest {

  private static final String APP = "https://app.example.com";
  private static final List<String> VARY =
      List.of("Vary: Origin", "Vary: Access-Control-Request-Method", "Vary: Access-Control-Request-Headers");

  private static final String ITEMS = """
      import org.springframework.web.bind.annotation.*;

      @RestController
      @RequestMapping("/api/items")
      public class ItemController {
        @GetMapping public String list() { return "[]"; }
        @GetMapping("/{id}") public String one(@PathVariable long id) { return "{}"; }
        @PutMapping("/{id}") public String update(@PathVariable long id) { return "{}"; }
      }
      """;

  private static String registry(String chain) {
    return """
        import org.springframework.context.annotation.Configuration;
        import org.springframework.web.servlet.config.annotation.*;

        @Configuration
        public class WebConfig implements WebMvcConfigurer {
          @Override
          public void addCorsMappings(CorsRegistry registry) {
            registry.addMapping("/api/**")%s;
          }
        }
        """.formatted(chain);
  }

  @Test
  void registryAnswersLikeDefaultCorsProcessor() {
    try (SpringProject p = new SpringProject()) {
      p.java("ItemController", ITEMS).java("WebConfig", registry("""
          .allowedOrigins("https://app.example.com/")
                .allowedMethods("GET", "PUT", "DELETE")
                .allowedHeaders("Content-Type")
                .exposedHeaders("X-Total", "X-Page")
                .allowCredentials(true)
                .maxAge(3600)"""));
      CorsPolicy items = p.policy("/api/items/{id}");
      Response pre = preflight(items, "/api/items/1", APP, "PUT", "content-type", "x-custom");
      assertThat(pre.status().get()).contains(200);
      assertThat(cors(pre)).containsExactly(
          "Vary: Origin", "Vary: Access-Control-Request-Method", "Vary: Access-Control-Request-Headers",
          "Access-Control-Allow-Origin: https://app.example.com", "Access-Control-Allow-Methods: GET,PUT,DELETE",
          "Access-Control-Allow-Headers: content-type", "Access-Control-Expose-Headers: X-Total, X-Page",
          "Access-Control-Allow-Credentials: true", "Access-Control-Max-Age: 3600");
      // allowedOrigins compares case-insensitively and echoes the request's own spelling
      assertThat(cors(get(items, "/api/items", "HTTPS://APP.EXAMPLE.COM"))).contains("Access-Control-Allow-Origin: HTTPS://APP.EXAMPLE.COM");
      Response attacker = get(items, "/api/items", "https://attacker.example");
      assertThat(attacker.status().get()).contains(403);
      assertThat(cors(attacker)).isEqualTo(VARY);
      // a preflight for a method no handler maps still gets the registry's answer; one the registry lacks is refused
      assertThat(preflight(items, "/api/items/1", APP, "DELETE").status().get()).contains(200);
      assertThat(preflight(items, "/api/items/1", APP, "PATCH").status().get()).contains(403);
      assertThat(preflight(items, "/api/nothing", APP, "GET").status().get()).contains(200);
      // an actual request with a method no handler of the path maps: 405 from the lookup, before the CORS checks
      Response notMapped = items.respond(Request.actual("/api/items/1", "DELETE", APP));
      assertThat(notMapped.status().get()).contains(405);
      assertThat(cors(notMapped)).isEqualTo(VARY);
      Response unknown = get(items, "/api/nothing", APP);
      assertThat(unknown.status().get()).contains(404);
      assertThat(cors(unknown)).contains("Access-Control-Allow-Origin: https://app.example.com");
    }
  }

  @Test
  void registryDefaultsAreAllOriginsSimpleMethodsAllHeaders() {
    try (SpringProject p = new SpringProject()) {
      p.java("ItemController", ITEMS).java("WebConfig", registry(""));
      CorsPolicy items = p.policy("/api/items/{id}");
      Response pre = preflight(items, "/api/items", APP, "POST", "authorization", "x-request-id");
      assertThat(cors(pre)).containsExactly(
          "Vary: Origin", "Vary: Access-Control-Request-Method", "Vary: Access-Control-Request-Headers",
          "Access-Control-Allow-Origin: *", "Access-Control-Allow-Methods: GET,HEAD,POST",
          "Access-Control-Allow-Headers: authorization, x-request-id", "Access-Control-Max-Age: 1800");
      assertThat(preflight(items, "/api/items/1", APP, "PUT").status().get()).contains(403);
      assertThat(items.allowedOrigins().leaves()).singleElement().isInstanceOf(OriginMatcher.Wildcard.class);
    }
  }

  @Test
  void partialHeaderAllowListsOnlyTheAllowedOnes() {
    try (SpringProject p = new SpringProject()) {
      p.java("ItemController", ITEMS).java("WebConfig", registry(".allowedOrigins(\"https://app.example.com\").allowedHeaders(\"Content-Type\")"));
      CorsPolicy items = p.policy("/api/items");
      Response partial = preflight(items, "/api/items", APP, "GET", "content-type", "x-request-id");
      assertThat(partial.status().get()).contains(200);
      assertThat(partial.value("Access-Control-Allow-Headers")).contains("content-type");
      assertThat(preflight(items, "/api/items", APP, "GET", "x-request-id").status().get()).contains(403);
    }
  }

  @Test
  void wildcardWithCredentialsOnRegistryIsA500ForActualRequestsAnd403ForPreflights() {
    try (SpringProject p = new SpringProject()) {
      p.java("ItemController", ITEMS).java("WebConfig", registry(".allowedOrigins(\"*\").allowCredentials(true)"));
      CorsPolicy items = p.policy("/api/items");
      Response actual = get(items, "/api/items", APP);
      assertThat(actual.status().get()).contains(500);
      assertThat(cors(actual)).isEqualTo(VARY);
      Response pre = preflight(items, "/api/items/1", APP, "PUT");
      assertThat(pre.status().get()).contains(403);
      assertThat(cors(pre)).isEqualTo(VARY);
      assertThat(items.credentials().is(true)).isTrue();
    }
  }

  @Test
  void wildcardWithCredentialsOnCrossOriginStopsTheApplication() {
    try (SpringProject p = new SpringProject()) {
      p.java("AccountController", """
          import org.springframework.web.bind.annotation.*;

          @CrossOrigin(origins = "*", allowCredentials = "true")
          @RestController
          public class AccountController {
            @GetMapping("/account") public String me() { return "{}"; }
          }
          """);
      CorsPolicy account = p.policy("/account");
      Response r = get(account, "/account", APP);
      assertThat(r.status()).isInstanceOf(Value.Unknown.class);
      assertThat(((Value.Unknown<Integer>) r.status()).reason()).startsWith("the application does not start");
      assertThat(r.status().where().orElseThrow().line()).isEqualTo(5);
      assertThat(r.headers()).isEmpty();
      assertThat(p.findings()).singleElement().satisfies(f -> {
        assertThat(f.ruleId()).isEqualTo("wildcard-with-credentials");
        assertThat(f.message()).contains("the application does not start").doesNotContain("browser rejects");
      });
    }
  }

  @Test
  void crossOriginDefaultsToTheHandlersMethodsAndMergesClassAndMethod() {
    try (SpringProject p = new SpringProject()) {
      p.java("NoteController", """
          import org.springframework.web.bind.annotation.*;
          import jakarta.servlet.http.HttpServletResponse;

          @RestController
          @CrossOrigin(origins = "https://app.example.com")
          @RequestMapping("/api/notes")
          public class NoteController {
            @GetMapping public String list(HttpServletResponse res) {
              res.addHeader("Access-Control-Allow-Origin", "*");
              return "[]";
            }
            @CrossOrigin(origins = "https://admin.example.com", maxAge = 600)
            @PutMapping("/{id}") public String put(@PathVariable long id) { return "{}"; }
          }
          """);
      CorsPolicy one = p.policy("/api/notes/{id}");
      Response pre = preflight(one, "/api/notes/1", "https://admin.example.com", "PUT", "content-type");
      assertThat(cors(pre)).containsExactly(
          "Vary: Origin", "Vary: Access-Control-Request-Method", "Vary: Access-Control-Request-Headers",
          "Access-Control-Allow-Origin: https://admin.example.com", "Access-Control-Allow-Methods: PUT",
          "Access-Control-Allow-Headers: content-type", "Access-Control-Max-Age: 600");
      assertThat(preflight(one, "/api/notes/1", APP, "PUT").status().get()).contains(200);
      // the handler adds a second Access-Control-Allow-Origin after the CORS interceptor wrote one
      CorsPolicy list = p.policy("/api/notes");
      assertThat(get(list, "/api/notes", APP).all("Access-Control-Allow-Origin")).hasSize(2);
    }
  }

  @Test
  void originPatternStarHasNoDotBoundaryAndStarAloneReflects() {
    try (SpringProject p = new SpringProject()) {
      p.java("ItemController", ITEMS).java("WebConfig", registry(".allowedOriginPatterns(\"https://*example.com\", \"http://localhost:[*]\")"));
      OriginMatcher m = p.policy("/api/items").allowedOrigins();
      assertThat(m.accepts("https://evilexample.com")).isEqualTo(Tri.YES);
      assertThat(m.accepts("https://example.com")).isEqualTo(Tri.YES);
      assertThat(m.accepts("https://EXAMPLE.com")).isEqualTo(Tri.NO);
      assertThat(m.accepts("http://localhost:5173")).isEqualTo(Tri.YES);
      assertThat(m.accepts("http://localhost.attacker.example")).isEqualTo(Tri.NO);
    }
    try (SpringProject p = new SpringProject()) {
      p.java("ItemController", ITEMS).java("WebConfig", registry(".allowedOriginPatterns(\"*\").allowCredentials(true)"));
      CorsPolicy items = p.policy("/api/items");
      assertThat(items.allowedOrigins().leaves()).singleElement().isInstanceOf(OriginMatcher.Reflect.class);
      assertThat(get(items, "/api/items", "null").value("Access-Control-Allow-Origin")).contains("null");
    }
  }

  @Test
  void allowedHeadersStarEchoesTheRequestedNames() {
    try (SpringProject p = new SpringProject()) {
      p.java("ItemController", ITEMS).java("WebConfig", registry(".allowedOrigins(\"https://app.example.com\").allowedHeaders(\"*\").allowCredentials(true)"));
      Response pre = preflight(p.policy("/api/items"), "/api/items", APP, "POST", "authorization", "content-type");
      assertThat(pre.value("Access-Control-Allow-Headers")).contains("authorization, content-type");
    }
  }

  @Test
  void securityChainWithoutCorsAnswersPreflights401AndReportsTheOrder() {
    try (SpringProject p = new SpringProject()) {
      p.java("ItemController", ITEMS.replace("@RestController", "@RestController\n@CrossOrigin(origins = \"https://app.example.com\")"))
          .java("SecurityConfig", """
              import org.springframework.context.annotation.*;
              import org.springframework.security.config.Customizer;
              import org.springframework.security.config.annotation.web.builders.HttpSecurity;
              import org.springframework.security.web.SecurityFilterChain;

              @Configuration
              public class SecurityConfig {
                @Bean
                SecurityFilterChain api(HttpSecurity http) throws Exception {
                  http.authorizeHttpRequests(auth -> auth
                          .anyRequest().authenticated())
                      .httpBasic(Customizer.withDefaults());
                  return http.build();
                }
              }
              """);
      CorsPolicy items = p.policy("/api/items/{id}");
      Response pre = preflight(items, "/api/items/1", APP, "PUT", "content-type");
      assertThat(pre.status().get()).contains(401);
      assertThat(pre.hasCorsHeaders()).isFalse();
      assertThat(pre.status().where().orElseThrow().line()).isEqualTo(13);
      // actual requests are taken as signed in: the CORS configuration answers them
      assertThat(get(items, "/api/items", APP).value("Access-Control-Allow-Origin")).contains(APP);
      assertThat(items.layerOrder()).singleElement().satisfies(o -> {
        assertThat(o.affectsPreflight()).isTrue();
        assertThat(o.corsLayer().line()).isEqualTo(11);
        assertThat(o.earlierLayer().line()).isEqualTo(13);
      });
      assertThat(p.findingKeys()).contains("SecurityConfig.java:11 middleware-order").noneMatch(k -> k.endsWith("preflight-not-handled"));
    }
  }

  @Test
  void securityChainWithCorsAndPreflightPermitPassesPreflights() {
    try (SpringProject p = new SpringProject()) {
      p.java("ItemController", ITEMS).java("WebConfig", registry(".allowedOrigins(\"https://app.example.com\").allowedMethods(\"GET\", \"PUT\")"))
          .java("SecurityConfig", """
              import org.springframework.context.annotation.*;
              import org.springframework.http.HttpMethod;
              import org.springframework.security.config.Customizer;
              import org.springframework.security.config.annotation.web.builders.HttpSecurity;
              import org.springframework.security.web.SecurityFilterChain;

              @Configuration
              public class SecurityConfig {
                @Bean
                SecurityFilterChain api(HttpSecurity http) throws Exception {
                  return http
                      .cors(Customizer.withDefaults())
                      .authorizeHttpRequests(auth -> auth.anyRequest().authenticated())
                      .httpBasic(Customizer.withDefaults())
                      .build();
                }
              }
              """);
      CorsPolicy items = p.policy("/api/items/{id}");
      Response pre = preflight(items, "/api/items/1", APP, "PUT");
      assertThat(pre.status().get()).contains(200);
      assertThat(pre.value("Access-Control-Allow-Methods")).contains("GET,PUT");
      assertThat(items.layerOrder()).isEmpty();
    }
  }

  @Test
  void corsFilterBeanWithWildcardAndCredentialsAnswers500() {
    try (SpringProject p = new SpringProject()) {
      p.java("ItemController", ITEMS).java("CorsConfig", """
          import java.util.List;
          import org.springframework.context.annotation.*;
          import org.springframework.web.cors.*;
          import org.springframework.web.filter.CorsFilter;

          @Configuration
          public class CorsConfig {
            @Bean
            public CorsFilter corsFilter() {
              CorsConfiguration config = new CorsConfiguration();
              config.addAllowedOrigin("*");
              config.setAllowCredentials(true);
              config.addAllowedMethod("*");
              UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
              source.registerCorsConfiguration("/**", config);
              return new CorsFilter(source);
            }
          }
          """);
      CorsPolicy items = p.policy("/api/items");
      Response actual = get(items, "/api/items", APP);
      assertThat(actual.status().get()).contains(500);
      assertThat(cors(actual)).isEqualTo(VARY);
      assertThat(preflight(items, "/api/items/1", APP, "PUT").status().get()).contains(403);
      assertThat(items.allowedOrigins().leaves()).singleElement().satisfies(l -> {
        assertThat(l).isInstanceOf(OriginMatcher.Wildcard.class);
        assertThat(l.span().line()).isEqualTo(13);
      });
      assertThat(items.credentials().where().orElseThrow().line()).isEqualTo(14);
      // no Origin: not a CORS request, the filter lets it through
      assertThat(items.respond(Request.actual("/api/items", "GET", null)).status().get()).contains(200);
    }
  }

  @Test
  void developmentProfileIsItsOwnVariant() {
    try (SpringProject p = new SpringProject()) {
      p.java("ItemController", ITEMS).java("WebConfig", """
              import org.springframework.beans.factory.annotation.Value;
              import org.springframework.context.annotation.Configuration;
              import org.springframework.web.servlet.config.annotation.*;

              @Configuration
              public class WebConfig implements WebMvcConfigurer {
                @Value("${app.cors.origins}")
                private String[] origins;

                @Override
                public void addCorsMappings(CorsRegistry registry) {
                  registry.addMapping("/api/**").allowedOrigins(origins);
                }
              }
              """)
          .yaml("application.yml", "app:\n  cors:\n    origins: https://app.example.com\n")
          .yaml("application-dev.yml", "app:\n  cors:\n    origins: http://localhost:3000, https://app.example.com\n");
      List<CorsPolicy> all = p.policies();
      CorsPolicy prod = all.stream().filter(x -> x.scope().description().equals("Spring mapping /api/items")).findFirst().orElseThrow();
      CorsPolicy dev = all.stream().filter(x -> x.scope().description().equals("Spring mapping /api/items (profile dev)")).findFirst().orElseThrow();
      assertThat(prod.scope().environment()).isEqualTo(Environment.PRODUCTION);
      assertThat(dev.scope().environment()).isEqualTo(Environment.DEVELOPMENT);
      assertThat(prod.allowedOrigins().accepts("http://localhost:3000")).isEqualTo(Tri.NO);
      assertThat(dev.allowedOrigins().accepts("http://localhost:3000")).isEqualTo(Tri.YES);
      OriginMatcher.Exact local = (OriginMatcher.Exact) dev.allowedOrigins().leaves().get(0);
      assertThat(local.span().file()).endsWith("application-dev.yml");
      assertThat(local.span().line()).isEqualTo(3);
      assertThat(local.span().column()).isEqualTo(14);
      assertThat(p.findingKeys()).noneMatch(k -> k.contains("dev-origin-in-production"));
    }
  }

  @Test
  void handWrittenFilterReflectingTheOriginIsReflection() {
    try (SpringProject p = new SpringProject()) {
      p.java("ItemController", ITEMS).java("SimpleCorsFilter", """
          import java.io.IOException;
          import jakarta.servlet.*;
          import jakarta.servlet.http.*;
          import org.springframework.stereotype.Component;

          @Component
          public class SimpleCorsFilter implements Filter {
            @Override
            public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
              HttpServletRequest request = (HttpServletRequest) req;
              HttpServletResponse response = (HttpServletResponse) res;
              response.setHeader("Access-Control-Allow-Origin", request.getHeader("Origin"));
              response.setHeader("Access-Control-Allow-Credentials", "true");
              response.setHeader("Access-Control-Allow-Methods", "GET, POST, OPTIONS");
              if ("OPTIONS".equalsIgnoreCase(request.getMethod())) {
                response.setStatus(HttpServletResponse.SC_OK);
                return;
              }
              chain.doFilter(req, res);
            }
          }
          """);
      CorsPolicy items = p.policy("/api/items/{id}");
      assertThat(items.allowedOrigins().leaves()).singleElement().isInstanceOf(OriginMatcher.Reflect.class);
      assertThat(items.credentials().is(true)).isTrue();
      Response pre = preflight(items, "/api/items/1", "https://attacker.example", "PUT");
      assertThat(pre.status().get()).contains(200);
      assertThat(pre.value("Access-Control-Allow-Origin")).contains("https://attacker.example");
      assertThat(p.findingKeys()).contains("SimpleCorsFilter.java:14 origin-reflection", "SimpleCorsFilter.java:14 missing-vary-origin", "SimpleCorsFilter.java:16 method-not-allowed");
    }
  }
  @Test
  void aPlaceholderDefaultIsTheCaseWhereTheKeyIsNotSet() {
    try (SpringProject p = new SpringProject()) {
      p.java("ItemController", ITEMS).java("WebConfig", """
              import org.springframework.beans.factory.annotation.Value;
              import org.springframework.context.annotation.Configuration;
              import org.springframework.web.servlet.config.annotation.*;

              @Configuration
              public class WebConfig implements WebMvcConfigurer {
                @Value("${app.cors.origins:https://app.example.com}")
                private String[] origins;

                @Override
                public void addCorsMappings(CorsRegistry registry) {
                  registry.addMapping("/api/**").allowedOrigins(origins);
                }
              }
              """)
          .yaml("application-prod.yml", "app:\n  cors:\n    origins: https://shop.example.com\n");
      List<CorsPolicy> all = p.policies();
      CorsPolicy unset = all.stream().filter(x -> x.scope().description().equals("Spring mapping /api/items")).findFirst().orElseThrow();
      CorsPolicy prod = all.stream().filter(x -> x.scope().description().equals("Spring mapping /api/items (profile prod)")).findFirst().orElseThrow();
      // Rules judge the default, as before.
      assertThat(unset.allowedOrigins().accepts(APP)).isEqualTo(Tri.YES);
      assertThat(unset.assumedDefaults()).singleElement().satisfies(a -> {
        assertThat(a.input()).isEqualTo("app.cors.origins");
        assertThat(a.when()).isEqualTo("app.cors.origins is not set");
        assertThat(a.value()).isEqualTo(APP);
        assertThat(a.span().file()).endsWith("WebConfig.java");
        assertThat(a.span().line()).as("after the package line SpringProject adds").isEqualTo(9);
        assertThat(a.span().column()).isEqualTo(30);
      });
      Response set = get(unset.withInputsSet(), "/api/items", APP);
      assertThat(set.first("Access-Control-Allow-Origin")).hasValueSatisfying(h -> assertThat(h.value().isUnknown()).isTrue());
      // The profile that sets the key is a scope of its own, with nothing assumed.
      assertThat(prod.assumedDefaults()).isEmpty();
      assertThat(prod.allowedOrigins().accepts("https://shop.example.com")).isEqualTo(Tri.YES);

      Explanation e = Explainer.explain(new ExplainRequest("https://api.example.com/api/items", "https://shop.example.com", "GET",
          List.of(), null, false), all);
      assertThat(e.scopes()).extracting(Explanation.ScopeAnswer::verdict).containsExactly("unknown", "allowed");
      assertThat(ExplanationText.render(e)).contains("""
            When app.cors.origins is not set (default at %s): blocked. Chromium prints:
          """.formatted(unset.assumedDefaults().get(0).span()))
          .contains("  Otherwise: depends on app.cors.origins at deploy time.\n");
    }
  }
}
