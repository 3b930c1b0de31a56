package dev.corslint.ecosystems.spring;

import static dev.corslint.ecosystems.spring.SpringProject.get;
import static dev.corslint.ecosystems.spring.SpringProject.preflight;
import static org.assertj.core.api.Assertions.assertThat;

import dev.corslint.model.CorsPolicy;
import dev.corslint.model.Environment;
import dev.corslint.model.OriginMatcher;
import dev.corslint.model.Request;
import dev.corslint.model.Response;
import dev.corslint.model.Tri;
import dev.corslint.model.Usage;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The other ways Spring applications configure CORS: security variants, WebFlux, actuator, gateway, profiles. */
class SpringSurfacesTest {

  private static final String APP = "https://app.example.com";

  private static final String ITEMS = """
      import org.springframework.web.bind.annotation.*;

      @RestController
      @CrossOrigin(origins = "https://app.example.com", methods = {RequestMethod.GET, RequestMethod.PUT})
      public class ItemController {
        @GetMapping("/api/items") public String list(@RequestHeader(value = "X-Request-ID", required = false) String id) { return "[]"; }
        @PutMapping("/api/items/{id}") public String put(@PathVariable long id) { return "{}"; }
        @RequestMapping(value = "/api/items/{id}/archive", method = {RequestMethod.POST, RequestMethod.DELETE})
        public String archive(@PathVariable long id) { return "{}"; }
      }
      """;

  private static String chain(String body) {
    return """
        import org.springframework.context.annotation.*;
        import org.springframework.http.HttpMethod;
        import org.springframework.security.config.Customizer;
        import org.springframework.security.config.annotation.web.builders.HttpSecurity;
        import org.springframework.security.web.SecurityFilterChain;
        import org.springframework.web.cors.CorsUtils;

        @Configuration
        public class SecurityConfig {
          @Bean
          SecurityFilterChain api(HttpSecurity http) throws Exception {
            %s
            return http.build();
          }
        }
        """.formatted(body);
  }

  @Test
  void preflightsLetThroughByOptionsPermitAllReachTheCorsConfiguration() {
    for (String rule : List.of(".requestMatchers(HttpMethod.OPTIONS, \"/**\").permitAll()", ".requestMatchers(CorsUtils::isPreFlightRequest).permitAll()")) {
      try (SpringProject p = new SpringProject()) {
        p.java("ItemController", ITEMS).java("SecurityConfig", chain("""
            http.authorizeHttpRequests(auth -> auth
                    %s
                    .anyRequest().authenticated())
                .httpBasic(Customizer.withDefaults());""".formatted(rule)));
        CorsPolicy items = p.policy("/api/items/{id}");
        Response pre = preflight(items, "/api/items/1", APP, "PUT", "content-type");
        assertThat(pre.status().get()).as(rule).contains(200);
        assertThat(pre.value("Access-Control-Allow-Methods")).contains("GET,PUT");
        assertThat(items.layerOrder()).as(rule).isEmpty();
      }
    }
  }

  @Test
  void corsDisabledInTheChainIsTheOrderProblem() {
    try (SpringProject p = new SpringProject()) {
      p.java("ItemController", ITEMS).java("SecurityConfig", chain("""
          http.cors(cors -> cors.disable())
              .authorizeHttpRequests(auth -> auth.anyRequest().authenticated())
              .formLogin(Customizer.withDefaults());"""));
      CorsPolicy items = p.policy("/api/items/{id}");
      Response pre = preflight(items, "/api/items/1", APP, "PUT");
      // form login alone redirects the preflight to the login page
      assertThat(pre.status().get()).contains(302);
      assertThat(pre.has("Location")).isTrue();
      assertThat(items.layerOrder()).singleElement().satisfies(o -> assertThat(o.description()).contains("disables CORS"));
    }
  }

  @Test
  void securityStarterWithoutAChainIsBootsDefaultChain() {
    try (SpringProject p = new SpringProject()) {
      p.file("pom.xml", "<project><dependencies><dependency><artifactId>spring-boot-starter-security</artifactId></dependency></dependencies></project>\n")
          .java("ItemController", ITEMS);
      CorsPolicy items = p.policy("/api/items/{id}");
      assertThat(preflight(items, "/api/items/1", APP, "PUT").status().get()).contains(401);
      assertThat(items.layerOrder()).singleElement().satisfies(o -> assertThat(o.corsLayer().file()).isEqualTo("pom.xml"));
    }
  }

  @Test
  void mappingAnnotationsAndRequestHeadersAreUsages() {
    try (SpringProject p = new SpringProject()) {
      p.java("ItemController", ITEMS);
      assertThat(p.policy("/api/items/{id}/archive").usages()).extracting(Usage::name).containsExactly("POST", "DELETE");
      assertThat(p.policy("Spring mapping /api/items").usages()).extracting(Usage::kind, Usage::name)
          .contains(org.assertj.core.groups.Tuple.tuple(Usage.Kind.METHOD, "GET"), org.assertj.core.groups.Tuple.tuple(Usage.Kind.REQUEST_HEADER, "X-Request-ID"));
    }
  }

  @Test
  void webFluxRegistryAndSecurityWebFilterChainWithASourceBean() {
    try (SpringProject p = new SpringProject()) {
      p.file("pom.xml", "<project><dependencies><dependency><artifactId>spring-boot-starter-webflux</artifactId></dependency></dependencies></project>\n")
          .java("ItemController", ITEMS.replace("@CrossOrigin(origins = \"https://app.example.com\", methods = {RequestMethod.GET, RequestMethod.PUT})", ""))
          .java("SecurityConfig", """
              import java.util.List;
              import org.springframework.context.annotation.*;
              import org.springframework.security.config.web.server.ServerHttpSecurity;
              import org.springframework.security.web.server.SecurityWebFilterChain;
              import org.springframework.web.cors.CorsConfiguration;
              import org.springframework.web.cors.reactive.CorsConfigurationSource;
              import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;

              @Configuration
              public class SecurityConfig {
                @Bean
                SecurityWebFilterChain chain(ServerHttpSecurity http) {
                  return http.authorizeExchange(ex -> ex.anyExchange().authenticated()).httpBasic(b -> {}).build();
                }

                @Bean
                CorsConfigurationSource corsSource() {
                  CorsConfiguration c = new CorsConfiguration();
                  c.setAllowedOrigins(List.of("https://app.example.com"));
                  c.setAllowedMethods(List.of("GET", "PUT"));
                  UrlBasedCorsConfigurationSource s = new UrlBasedCorsConfigurationSource();
                  s.registerCorsConfiguration("/api/**", c);
                  return s;
                }
              }
              """);
      CorsPolicy items = p.policy("/api/items/{id}");
      // ServerHttpSecurity adds CORS by itself when a CorsConfigurationSource bean exists
      assertThat(preflight(items, "/api/items/1", APP, "PUT").status().get()).contains(200);
      assertThat(items.layerOrder()).isEmpty();
    }
  }

  @Test
  void actuatorCorsAppliesToTheEndpointsOnly() {
    try (SpringProject p = new SpringProject()) {
      p.java("ItemController", ITEMS).yaml("application.yml", """
          management:
            endpoints:
              web:
                base-path: /manage
                cors:
                  allowed-origins: https://ops.example.com
                  allowed-methods: GET
                  max-age: 1h
          """);
      CorsPolicy manage = p.policy("actuator endpoints /manage/**");
      Response pre = preflight(manage, "/manage/health", "https://ops.example.com", "GET");
      assertThat(pre.value("Access-Control-Max-Age")).contains("3600");
      assertThat(preflight(manage, "/manage/health", "https://ops.example.com", "GET", "authorization").status().get()).contains(403);
      assertThat(manage.allowedOrigins().accepts("https://app.example.com")).isEqualTo(Tri.NO);
    }
  }

  @Test
  void gatewayGlobalCorsUnderBothPrefixes() {
    for (String prefix : List.of("spring.cloud.gateway", "spring.cloud.gateway.server.webflux")) {
      try (SpringProject p = new SpringProject()) {
        p.file("src/main/resources/application.properties", """
            %1$s.globalcors.cors-configurations.[/api/**].allowed-origins=https://app.example.com
            %1$s.globalcors.cors-configurations.[/api/**].allowed-methods=GET,PUT
            %1$s.routes[0].id=items
            %1$s.routes[0].uri=lb://items
            %1$s.routes[0].predicates[0]=Path=/api/items/**
            """.formatted(prefix));
        CorsPolicy items = p.policy("/api/items/**");
        Response pre = preflight(items, "/api/items/1", APP, "PUT");
        assertThat(pre.status().get()).as(prefix).contains(200);
        // a bound CorsConfiguration has no permit defaults: no headers allowed, no max age
        assertThat(preflight(items, "/api/items/1", APP, "PUT", "content-type").status().get()).contains(403);
        assertThat(pre.has("Access-Control-Max-Age")).isFalse();
        assertThat(get(items, "/api/other", APP).status().get()).contains(404);
      }
    }
  }

  @Test
  void profileAnnotatedConfigurationIsDevelopmentOnly() {
    try (SpringProject p = new SpringProject()) {
      p.java("ItemController", ITEMS.replace("@CrossOrigin(origins = \"https://app.example.com\", methods = {RequestMethod.GET, RequestMethod.PUT})", ""))
          .java("DevCorsConfig", """
              import org.springframework.context.annotation.*;
              import org.springframework.web.servlet.config.annotation.*;

              @Configuration
              @Profile({"dev", "local"})
              public class DevCorsConfig implements WebMvcConfigurer {
                @Override
                public void addCorsMappings(CorsRegistry registry) {
                  registry.addMapping("/**").allowedOrigins("http://localhost:4200");
                }
              }
              """);
      List<CorsPolicy> all = p.policies();
      assertThat(all).filteredOn(x -> !x.scope().description().contains("profile"))
          .allSatisfy(x -> assertThat(x.allowedOrigins().leaves()).isEmpty());
      assertThat(all).filteredOn(x -> x.scope().description().endsWith("(profile dev)"))
          .isNotEmpty().allSatisfy(x -> {
            assertThat(x.scope().environment()).isEqualTo(Environment.DEVELOPMENT);
            assertThat(x.allowedOrigins().accepts("http://localhost:4200")).isEqualTo(Tri.YES);
          });
      // the dev registry lacks PUT, which is worth knowing in development too; its localhost origin is not a finding
      assertThat(p.findingKeys()).containsOnly("DevCorsConfig.java:11 method-not-allowed");
    }
  }

  @Test
  void aPutOnlyPathStillShowsItsRegistryLacksPut() {
    try (SpringProject p = new SpringProject()) {
      p.java("ReadController", """
              import org.springframework.web.bind.annotation.*;

              @RestController
              public class ReadController {
                @PutMapping("/notes/{id}/read") public String read(@PathVariable long id) { return "{}"; }
              }
              """)
          .java("CorsSettings", """
              import org.springframework.context.annotation.*;
              import org.springframework.web.servlet.config.annotation.*;

              @Configuration
              public class CorsSettings implements WebMvcConfigurer {
                @Override
                public void addCorsMappings(CorsRegistry registry) {
                  registry.addMapping("/notes/**").allowedOrigins("https://app.example.com").allowedMethods("GET", "POST");
                }
              }
              """);
      CorsPolicy notes = p.policy("/notes/{id}/read");
      // GET and POST are refused by the handler lookup before the CORS checks, PUT by the CORS checks: no
      // actual request gets Access-Control-Allow-Origin, but a preflight for GET does
      for (String method : List.of("GET", "POST", "PUT")) {
        assertThat(notes.respond(Request.actual("/notes/1/read", method, APP)).has("Access-Control-Allow-Origin"))
            .as(method).isFalse();
      }
      assertThat(preflight(notes, "/notes/1/read", APP, "GET").value("Access-Control-Allow-Origin")).contains(APP);
      assertThat(p.findingKeys()).containsOnly("CorsSettings.java:10 method-not-allowed");
    }
  }

  @Test
  void contextPathAndTls() {
    try (SpringProject p = new SpringProject()) {
      p.java("ItemController", ITEMS).yaml("application.yml", """
          server:
            servlet:
              context-path: /shop
            ssl:
              key-store: classpath:keystore.p12
          """);
      CorsPolicy items = p.policy("/shop/api/items/{id}");
      assertThat(items.samplePath()).isEqualTo("/shop/api/items/1");
      assertThat(items.scope().tls().is(true)).isTrue();
      assertThat(items.scope().tls().where().orElseThrow().line()).isEqualTo(5);
      assertThat(preflight(items, "/shop/api/items/1", APP, "PUT").status().get()).contains(200);
      assertThat(preflight(items, "/api/items/1", APP, "PUT").status().get()).contains(404);
    }
  }

  @Test
  void kotlinSourcesAreNoticedNotAnalysed() {
    try (SpringProject p = new SpringProject()) {
      p.file("src/main/kotlin/com/example/WebConfig.kt", """
          @Configuration
          class WebConfig : WebMvcConfigurer {
            override fun addCorsMappings(registry: CorsRegistry) {
              registry.addMapping("/**").allowedOrigins("*")
            }
          }
          """);
      assertThat(p.notices()).anySatisfy(n -> {
        assertThat(n.message()).startsWith("Kotlin sources are not analysed");
        assertThat(n.span().file()).endsWith("WebConfig.kt");
      });
      assertThat(p.policies()).isEmpty();
    }
  }

  @Test
  void handWrittenChecksBecomeMatchersAndUnknownConditionsNotices() {
    try (SpringProject p = new SpringProject()) {
      p.java("ItemController", ITEMS.replace("@CrossOrigin(origins = \"https://app.example.com\", methods = {RequestMethod.GET, RequestMethod.PUT})", ""))
          .java("OriginFilter", """
              import java.io.IOException;
              import java.util.regex.Pattern;
              import jakarta.servlet.*;
              import jakarta.servlet.http.*;
              import org.springframework.stereotype.Component;
              import org.springframework.web.filter.OncePerRequestFilter;

              @Component
              public class OriginFilter extends OncePerRequestFilter {
                private static final Pattern ALLOWED = Pattern.compile("^https://(www\\\\.)?example\\\\.com");
                private final FeatureFlags flags = new FeatureFlags();

                @Override
                protected void doFilterInternal(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
                    throws ServletException, IOException {
                  String origin = req.getHeader("Origin");
                  if (origin != null && ALLOWED.matcher(origin).find()) {
                    res.setHeader("Access-Control-Allow-Origin", origin);
                  }
                  if (flags.corsDebug()) {
                    res.setHeader("Access-Control-Expose-Headers", "X-Debug");
                  }
                  chain.doFilter(req, res);
                }
              }
              """);
      CorsPolicy items = p.policy("Spring mapping /api/items");
      OriginMatcher m = items.allowedOrigins();
      assertThat(m.leaves()).singleElement().isInstanceOf(OriginMatcher.Regex.class);
      assertThat(m.accepts("https://example.com.attacker.example")).isEqualTo(Tri.YES);
      assertThat(p.notices()).anySatisfy(n -> assertThat(n.message()).contains("decided at run time"));
      assertThat(p.findingKeys()).contains("OriginFilter.java:19 permissive-origin-regex");
    }
  }
}
