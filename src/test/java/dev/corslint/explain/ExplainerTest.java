package dev.corslint.explain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corslint.model.CorsPolicy;
import dev.corslint.scan.FileSelection;
import dev.corslint.scan.Scanner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The five common CORS errors, explained from the nginx fixtures. */
class ExplainerTest {

  private static List<CorsPolicy> policies;

  @BeforeAll
  static void read() {
    policies = new Scanner().read(List.of(Path.of("test-fixtures/nginx")), null, FileSelection.all()).policies();
  }

  private static Explanation.ScopeAnswer only(ExplainRequest r) {
    Explanation e = Explainer.explain(r, policies);
    assertThat(e.scopes()).hasSize(1);
    return e.scopes().get(0);
  }

  @Test
  void error1_noAllowOriginOnTheActualResponse() {
    Explanation.ScopeAnswer a = only(new ExplainRequest("https://upload.example-video.com/upload",
        "https://studio.example-video.com", "POST", List.of(), null, false));
    assertThat(a.verdict()).isEqualTo("blocked");
    assertThat(a.preflight()).isNull();
    assertThat(a.consoleMessage()).isEqualTo("Access to fetch at 'https://upload.example-video.com/upload' from origin "
        + "'https://studio.example-video.com' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.");
    assertThat(a.fix().code()).contains("add_header Access-Control-Allow-Origin $cors_origin always;");
  }

  @Test
  void error2_preflightRefusedByLimitExcept() {
    Explanation e = Explainer.explain(new ExplainRequest("https://orders.example.net/orders/42", "https://shop.example.net",
        "PUT", List.of(), "application/json", false), policies);
    assertThat(e.preflight()).isTrue();
    assertThat(e.preflightReasons()).anyMatch(r -> r.startsWith("PUT is not a CORS-safelisted method"))
        .anyMatch(r -> r.startsWith("Content-Type application/json"));
    Explanation.ScopeAnswer a = e.scopes().get(0);
    assertThat(a.preflight().status()).isEqualTo(403);
    assertThat(a.preflight().statusSpan().file()).isEqualTo("orders-limit-except.conf");
    assertThat(a.corsError()).isEqualTo("PreflightInvalidStatus");
    assertThat(a.consoleMessage()).endsWith("Response to preflight request doesn't pass access control check: It does not have HTTP ok status.");
    assertThat(a.actual()).as("the actual request never goes out").isNull();
  }

  @Test
  void error3_wildcardWithCredentials() {
    Explanation.ScopeAnswer a = only(new ExplainRequest("https://catalog.example.com/catalog/items",
        "https://shop.example.com", "GET", List.of(), null, true));
    assertThat(a.corsError()).isEqualTo("WildcardOriginNotAllowed");
    assertThat(a.fix().code()).contains("\"https://shop.example.com\" $http_origin;")
        .contains("Access-Control-Allow-Credentials true always;");
    assertThat(a.fix().at().file()).isEqualTo("catalog-wildcard-credentials.conf");
    Explanation.ScopeAnswer withoutCookies = only(new ExplainRequest("https://catalog.example.com/catalog/items",
        "https://shop.example.com", "GET", List.of(), null, false));
    assertThat(withoutCookies.verdict()).isEqualTo("allowed");
  }

  @Test
  void error4_headerNotAllowed() {
    Explanation.ScopeAnswer a = only(new ExplainRequest("https://api.example-tasks.io/api/tasks",
        "https://board.example-tasks.io", "GET", List.of("X-Custom-Header"), null, false));
    assertThat(a.consoleMessage()).endsWith(
        "Request header field x-custom-header is not allowed by Access-Control-Allow-Headers in preflight response.");
    assertThat(a.fix().code()).isEqualTo("add_header Access-Control-Allow-Headers \"Content-Type, X-Custom-Header\" always;");
  }

  @Test
  void error5_httpOriginAllowedWhereProductionUsesHttps() {
    Explanation.ScopeAnswer a = only(new ExplainRequest("https://hr-api.example-corp.com/api/leave",
        "https://timesheets.example-corp.com", "GET", List.of(), null, false));
    assertThat(a.verdict()).isEqualTo("blocked");
    assertThat(a.fix().summary()).contains("'http://timesheets.example-corp.com'").contains("it says http, the page uses https");
    assertThat(a.fix().at().line()).isEqualTo(6);
  }

  @Test
  void error5_mixedContentIsBlockedBeforeCors() {
    Explanation.ScopeAnswer a = only(new ExplainRequest("http://api.staging.example-fitness.com/api/workouts",
        "https://staging.example-fitness.com", "GET", List.of(), null, false));
    assertThat(a.consoleMessage()).startsWith("Mixed Content: The page at 'https://staging.example-fitness.com/' was loaded over HTTPS");
    assertThat(a.actual()).isNull();
  }

  @Test
  void allowedRequestsSayAllowedAndUnknownValuesSayWhy() {
    Explanation.ScopeAnswer ok = only(new ExplainRequest("https://api.example-tasks.io/api/tasks",
        "https://board.example-tasks.io", "GET", List.of(), null, false));
    assertThat(ok.verdict()).isEqualTo("allowed");
    assertThat(ok.fix()).isNull();
    Explanation tenants = Explainer.explain(new ExplainRequest("/", "https://acme.app.example.com", "GET", List.of(), null, false), policies);
    assertThat(tenants.scopes()).anySatisfy(a -> {
      assertThat(a.verdict()).isEqualTo("unknown");
      assertThat(a.unknowns()).anyMatch(u -> u.contains("server_name regex"));
    });
  }

  @Test
  void aPathNoScopeServesIsSaidSo() {
    Explanation e = Explainer.explain(new ExplainRequest("https://api.example-tasks.io/x", "https://board.example-tasks.io", "GET", List.of(), null, false),
        policies);
    assertThat(e.scopes()).isEmpty();
    assertThat(e.notes()).anyMatch(n -> n.contains("No scope in this repository serves /x"));
  }

  @Test
  void expressRouteWithItsOwnCorsButNoOptionsHandler() {
    List<CorsPolicy> express = new Scanner().read(List.of(Path.of("test-fixtures/express/widgets-service")), null,
        FileSelection.all()).policies();
    Explanation e = Explainer.explain(new ExplainRequest("/widgets/7", "https://shop.example.com", "PUT", List.of(), null, false), express);
    assertThat(e.scopes()).isNotEmpty().allSatisfy(a -> {
      assertThat(a.preflight().status()).as("Express's automatic OPTIONS answer").isEqualTo(200);
      assertThat(a.corsError()).isEqualTo("PreflightMissingAllowOriginHeader");
      assertThat(a.fix().code()).startsWith("app.options('/widgets/:id', cors(corsOptions));");
    });
  }

  @Test
  void aValueFromTheEnvironmentIsExplainedCaseByCase() {
    List<CorsPolicy> express = new Scanner().read(List.of(Path.of("test-fixtures/express/orders-env")), null,
        FileSelection.all()).policies();
    Explanation adminAsks = Explainer.explain(new ExplainRequest("https://api.example.com/api/orders",
        "https://admin.example.com", "GET", List.of(), null, true), express);
    Explanation.ScopeAnswer admin = adminAsks.scopes().get(0);
    assertThat(admin.verdict()).as("the deployed CORS_ORIGIN decides").isEqualTo("unknown");
    assertThat(admin.cases()).singleElement().satisfies(c -> {
      assertThat(c.input()).isEqualTo("CORS_ORIGIN");
      assertThat(c.when()).isEqualTo("CORS_ORIGIN is unset");
      assertThat(c.span().toString()).isEqualTo("server.js:9:38");
      assertThat(c.verdict()).isEqualTo("blocked");
      assertThat(c.corsError()).isEqualTo("AllowOriginMismatch");
      assertThat(c.consoleMessage()).endsWith("The 'Access-Control-Allow-Origin' header has a value 'https://shop.example.com' "
          + "that is not equal to the supplied origin. Have the server send the header with a valid value.");
    });
    assertThat(ExplanationText.render(adminAsks))
        .contains("  When CORS_ORIGIN is unset (default at server.js:9:38): blocked. Chromium prints:\n")
        .endsWith("  Otherwise: depends on CORS_ORIGIN at deploy time.\n");

    Explanation.ScopeAnswer shop = Explainer.explain(new ExplainRequest("https://api.example.com/api/orders",
        "https://shop.example.com", "PUT", List.of(), "application/json", true), express).scopes().get(0);
    assertThat(shop.cases()).singleElement().satisfies(c -> assertThat(c.verdict()).isEqualTo("allowed"));
  }

  @Test
  void answersThatDependOnNoRunTimeValueHaveNoCases() {
    Explanation.ScopeAnswer a = only(new ExplainRequest("https://catalog.example.com/catalog/items",
        "https://shop.example.com", "GET", List.of(), null, true));
    assertThat(a.cases()).isEmpty();
    List<CorsPolicy> express = new Scanner().read(List.of(Path.of("test-fixtures/express/orders-env")), null,
        FileSelection.all()).policies();
    Explanation.ScopeAnswer env = Explainer.explain(new ExplainRequest("/api/orders", "https://shop.example.com", "GET",
        List.of(), null, false), express).scopes().get(0);
    assertThat(env.cases()).extracting(Explanation.Case::input).containsExactly("CORS_ORIGIN");
  }

  @Test
  void throughAProxyBothLayersAreShownAndTheVerdictIsOnWhatTheBrowserReceives() {
    List<CorsPolicy> layered = new Scanner().read(List.of(Path.of("test-fixtures/layers/compose-express")), null,
        FileSelection.all()).policies();
    Explanation e = Explainer.explain(new ExplainRequest("/orders/42", "https://shop.example-shop.com", "GET", List.of(),
        null, true), layered);
    // the application is reached through nginx: it is not shown a second time as if called directly
    assertThat(e.scopes()).singleElement().satisfies(a -> {
      assertThat(a.ecosystem()).isEqualTo("nginx");
      assertThat(a.verdict()).isEqualTo("blocked");
      assertThat(a.corsError()).isEqualTo("MultipleAllowOriginValues");
      assertThat(a.actual().headers()).extracting(h -> h.name() + " " + h.span().file())
          .containsExactly("Access-Control-Allow-Origin api/server.js", "Vary api/server.js",
              "Access-Control-Allow-Credentials api/server.js", "Access-Control-Allow-Origin nginx/nginx.conf");
      Explanation.Layers layers = a.layers();
      assertThat(layers.front()).isEqualTo("nginx");
      assertThat(layers.application()).isEqualTo("Express application in api/");
      assertThat(layers.hops()).singleElement().satisfies(hop -> {
        assertThat(hop.application().requestLine()).isEqualTo("GET /orders/42");
        assertThat(hop.application().headers()).extracting(Explanation.Header::name)
            .containsExactly("Access-Control-Allow-Origin", "Vary", "Access-Control-Allow-Credentials");
        assertThat(hop.changes()).singleElement().satisfies(c -> {
          assertThat(c.action()).isEqualTo("added");
          assertThat(c.name()).isEqualTo("Access-Control-Allow-Origin");
          assertThat(c.span().toString()).isEqualTo("nginx/nginx.conf:23:13");
        });
      });
      assertThat(a.fix().at().toString()).isEqualTo("nginx/nginx.conf:23:13");
      assertThat(a.fix().summary()).startsWith("The Express application in api/ already sends Access-Control-Allow-Origin (api/server.js:8:25)");
    });
    assertThat(e.notes()).anyMatch(n -> n.startsWith("The Express application in api/ is reached through nginx"));

    // where nginx only forwards, the application's answer passes unchanged and the request is allowed
    Explanation catalog = Explainer.explain(new ExplainRequest("https://api.example-shop.com/catalog/items",
        "https://shop.example-shop.com", "PUT", List.of(), "application/json", true), layered);
    assertThat(catalog.scopes()).singleElement().satisfies(a -> {
      assertThat(a.verdict()).isEqualTo("allowed");
      assertThat(a.layers().hops()).hasSize(2).allSatisfy(hop -> assertThat(hop.changes()).isEmpty());
      assertThat(a.layers().hops().get(0).application().status()).isEqualTo(204);
    });

    // an origin the application refuses: nginx does not touch CORS there, so the fix is the application's
    Explanation refused = Explainer.explain(new ExplainRequest("https://api.example-shop.com/catalog/items",
        "https://other.example-shop.com", "GET", List.of(), null, false), layered);
    assertThat(refused.scopes()).singleElement().satisfies(a -> {
      assertThat(a.corsError()).isEqualTo("MissingAllowOriginHeader");
      assertThat(a.fix().at().file()).isEqualTo("api/server.js");
      assertThat(a.fix().code()).isEqualTo("app.use(cors({ origin: ['https://other.example-shop.com'] }));");
    });
  }

  @Test
  void aDefaultTheReaderAnswersWithIsOnlyTheUnsetCase() {
    List<CorsPolicy> fastapi = new Scanner().read(List.of(Path.of("test-fixtures/django/fastapi-shop")), null,
        FileSelection.all()).policies();
    Explanation admin = Explainer.explain(new ExplainRequest("https://api.example.com/cart/1", "https://admin.example.com",
        "GET", List.of(), null, false), fastapi);
    Explanation.ScopeAnswer a = admin.scopes().get(0);
    assertThat(a.verdict()).as("the deployed CORS_ORIGINS decides").isEqualTo("unknown");
    assertThat(a.fix()).isNull();
    assertThat(a.cases()).singleElement().satisfies(c -> {
      assertThat(c.input()).isEqualTo("CORS_ORIGINS");
      assertThat(c.when()).isEqualTo("CORS_ORIGINS is unset");
      assertThat(c.span()).hasToString("app.py:10:50");
      assertThat(c.verdict()).isEqualTo("blocked");
      assertThat(c.consoleMessage()).contains("No 'Access-Control-Allow-Origin' header is present");
    });
    assertThat(ExplanationText.render(admin))
        .contains("  When CORS_ORIGINS is unset (default at app.py:10:50): blocked. Chromium prints:\n")
        .endsWith("  Otherwise: depends on CORS_ORIGINS at deploy time.\n");
  }

  @Test
  void flaskCorsDefaultsAreTheUnsetCaseForTheAppAndForACrossOriginRoute() {
    List<CorsPolicy> flask = new Scanner().read(List.of(Path.of("test-fixtures/django/flask-storefront")), null,
        FileSelection.all()).policies();
    Explanation admin = Explainer.explain(new ExplainRequest("https://api.example.com/api/cart", "https://admin.example.com",
        "GET", List.of(), null, true), flask);
    assertThat(admin.scopes()).singleElement().satisfies(a -> {
      assertThat(a.scope()).contains("paths matching '/api/*'");
      assertThat(a.verdict()).as("the deployed FRONTEND_ORIGINS decides").isEqualTo("unknown");
      assertThat(a.fix()).isNull();
      assertThat(a.cases()).singleElement().satisfies(c -> {
        assertThat(c.input()).as("CORS_MAX_AGE does not matter to a simple request").isEqualTo("FRONTEND_ORIGINS");
        assertThat(c.when()).isEqualTo("FRONTEND_ORIGINS is unset");
        assertThat(c.span()).hasToString("app.py:11:74");
        assertThat(c.verdict()).isEqualTo("blocked");
        assertThat(c.corsError()).isEqualTo("MissingAllowOriginHeader");
      });
    });
    assertThat(ExplanationText.render(admin))
        .contains("  When FRONTEND_ORIGINS is unset (default at app.py:11:74): blocked. Chromium prints:\n")
        .endsWith("  Otherwise: depends on FRONTEND_ORIGINS at deploy time.\n");

    Explanation.ScopeAnswer widget = Explainer.explain(new ExplainRequest("https://api.example.com/feedback",
        "https://status.example.com", "POST", List.of(), "application/json", false), flask).scopes().get(0);
    assertThat(widget.scope()).contains("@cross_origin");
    assertThat(widget.verdict()).isEqualTo("unknown");
    assertThat(widget.cases()).singleElement().satisfies(c -> {
      assertThat(c.input()).isEqualTo("STATUS_PAGE_ORIGIN");
      assertThat(c.span()).hasToString("app.py:29:55");
      assertThat(c.verdict()).isEqualTo("allowed");
    });
  }

  @Test
  void aDefaultThatDoesNotDecideTheRequestLeavesTheAnswerAsItIs(@TempDir Path dir) throws IOException {
    Files.createDirectories(dir.resolve("site"));
    Files.writeString(dir.resolve("site/settings.py"), """
        import os
        import environ
        env = environ.Env()
        INSTALLED_APPS = ["corsheaders"]
        MIDDLEWARE = ["corsheaders.middleware.CorsMiddleware", "django.middleware.common.CommonMiddleware"]
        CORS_ALLOWED_ORIGINS = ["https://app.example.com"]
        CORS_PREFLIGHT_MAX_AGE = int(os.environ.get("CORS_MAX_AGE", "600"))
        CORS_ALLOW_CREDENTIALS = env.bool("CORS_CREDENTIALS", default=False)
        """);
    List<CorsPolicy> django = new Scanner().read(List.of(dir), null, FileSelection.all()).policies();
    Explanation.ScopeAnswer simple = Explainer.explain(new ExplainRequest("/api/items", "https://app.example.com", "GET",
        List.of(), null, false), django).scopes().get(0);
    assertThat(simple.verdict()).isEqualTo("allowed");
    assertThat(simple.cases()).isEmpty();
    Explanation.ScopeAnswer withCookies = Explainer.explain(new ExplainRequest("/api/items", "https://app.example.com", "GET",
        List.of(), null, true), django).scopes().get(0);
    assertThat(withCookies.verdict()).isEqualTo("unknown");
    assertThat(withCookies.cases()).singleElement().satisfies(c -> {
      assertThat(c.input()).as("only the variable the answer depends on").isEqualTo("CORS_CREDENTIALS");
      assertThat(c.span()).hasToString("site/settings.py:8:63");
      assertThat(c.verdict()).isEqualTo("blocked");
      assertThat(c.corsError()).isEqualTo("InvalidAllowCredentials");
    });
  }
}
