package dev.corslint.ecosystems.django;

import static dev.corslint.ecosystems.django.PythonProject.get;
import static dev.corslint.ecosystems.django.PythonProject.header;
import static dev.corslint.ecosystems.django.PythonProject.preflight;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.corslint.explain.ExplainRequest;
import dev.corslint.explain.Explainer;
import dev.corslint.explain.Explanation;
import dev.corslint.model.CorsPolicy;
import dev.corslint.model.OriginMatcher;
import dev.corslint.model.Request;
import dev.corslint.model.Response;
import dev.corslint.model.Tri;
import dev.corslint.model.Value;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** flask-cors 3.0 and Starlette's CORSMiddleware as their code answers (SEMANTICS.md, last section). */
class FlaskAndStarletteTest {

  @TempDir Path dir;

  private CorsPolicy flask(String body) {
    return new PythonProject(dir).file("app.py", "from flask import Flask\nfrom flask_cors import CORS\napp = Flask(__name__)\n" + body)
        .policy("Flask");
  }

  @Test
  void flaskCorsWithoutOriginsReflectsNullIncludedWithVary() {
    CorsPolicy p = flask("CORS(app)\n");
    Response r = get(p, "/x", "https://attacker.example");
    assertThat(header(r, "Access-Control-Allow-Origin")).isEqualTo("https://attacker.example");
    assertThat(header(r, "Vary")).isEqualTo("Origin");
    assertThat(header(get(p, "/x", "null"), "Access-Control-Allow-Origin")).isEqualTo("null");
    assertThat(p.allowedOrigins()).isInstanceOf(OriginMatcher.Reflect.class);
    // Without an Origin header flask-cors still sends '*' (always_send).
    assertThat(header(get(p, "/x", null), "Access-Control-Allow-Origin")).isEqualTo("*");
  }

  @Test
  void flaskCorsPreflightEchoesTheRequestedHeadersAndListsMethods() {
    CorsPolicy p = flask("CORS(app, origins=['https://app.example'], max_age=600)\n");
    Response r = preflight(p, "/x", "https://app.example", "PUT", "content-type", "x-api-key");
    assertThat(r.status().get()).contains(200);
    assertThat(header(r, "Access-Control-Allow-Headers")).isEqualTo("content-type, x-api-key");
    assertThat(header(r, "Access-Control-Allow-Methods")).isEqualTo("DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT");
    assertThat(header(r, "Access-Control-Max-Age")).isEqualTo("600");
    // One plain origin: no Vary.
    assertThat(r.has("Vary")).isFalse();
    assertThat(get(p, "/x", "https://attacker.example").has("Access-Control-Allow-Origin")).isFalse();
  }

  @Test
  void flaskCorsGlobsAreRegexesMatchedFromTheStartIgnoringCase() {
    CorsPolicy p = flask("CORS(app, origins=['https://*.example.com', 'https://App.Example.org'])\n");
    assertThat(p.allowedOrigins().accepts("https://app.example.org")).isEqualTo(Tri.YES);
    // 'https://*.example.com' as a regex: 'https:/' followed by any number of '/', then any character before 'example'.
    assertThat(p.allowedOrigins().accepts("https://Xexample.com.attacker.example")).isEqualTo(Tri.YES);
    assertThat(p.allowedOrigins().accepts("https://shop.example.com")).isEqualTo(Tri.NO);
  }

  @Test
  void flaskCorsResourcesAndAppConfig() {
    CorsPolicy p = new PythonProject(dir).file("app.py", """
        from flask import Flask
        from flask_cors import CORS
        app = Flask(__name__)
        app.config["CORS_SUPPORTS_CREDENTIALS"] = True
        CORS(app, resources={r"/api/*": {"origins": ["https://app.example", "https://admin.example"]}})
        """).policy("Flask");
    assertThat(p.scope().description()).contains("/api/*");
    assertThat(get(p, "/static/x.js", "https://app.example").headers()).isEmpty();
    Response r = get(p, "/api/items", "https://admin.example");
    assertThat(header(r, "Access-Control-Allow-Credentials")).isEqualTo("true");
    assertThat(header(r, "Vary")).isEqualTo("Origin");
    assertThat(p.samplePath()).startsWith("/api");
  }

  @Test
  void afterRequestHookRegisteredBeforeCorsAddsASecondLine() {
    PythonProject project = new PythonProject(dir).file("app.py", """
        from flask import Flask
        from flask_cors import CORS
        app = Flask(__name__)

        @app.after_request
        def add_cors(response):
            response.headers.add("Access-Control-Allow-Origin", "*")
            return response

        CORS(app, origins=["https://app.example"])
        """);
    CorsPolicy p = project.policy("Flask");
    assertThat(get(p, "/", "https://app.example").all("Access-Control-Allow-Origin")).hasSize(2);
  }

  @Test
  void crossOriginDecoratorCoversItsRoute() {
    CorsPolicy p = new PythonProject(dir).file("app.py", """
        from flask import Flask
        from flask_cors import cross_origin
        app = Flask(__name__)

        @app.route("/api/orders/<int:order_id>", methods=["PUT"])
        @cross_origin(origins="https://app.example", methods=["GET", "POST"])
        def update_order(order_id):
            return ""
        """).policy("@cross_origin");
    assertThat(p.samplePath()).isEqualTo("/api/orders/1");
    Response r = preflight(p, p.samplePath(), "https://app.example", "PUT");
    assertThat(header(r, "Access-Control-Allow-Origin")).isEqualTo("https://app.example");
    assertThat(r.has("Access-Control-Allow-Methods")).isFalse();
    assertThat(p.usages()).anyMatch(u -> u.name().equals("PUT"));
  }

  @Test
  void theAppWideExtensionLeavesACrossOriginRouteToItsDecorator() {
    PythonProject project = new PythonProject(dir).file("app.py", """
        from flask import Flask
        from flask_cors import CORS, cross_origin
        app = Flask(__name__)
        CORS(app, supports_credentials=True)

        @app.route("/api/items")
        def items():
            return "[]"

        @app.route("/api/items/<int:item_id>/stock", methods=["GET", "PUT"])
        @cross_origin(origins="https://inventory.example.com")
        def stock(item_id):
            return ""
        """);
    CorsPolicy app = project.policy("the Flask app");
    CorsPolicy route = project.policy("@cross_origin");
    assertThat(app.serves("/api/items")).isEqualTo(Tri.YES);
    assertThat(app.serves("/api/items/1/stock")).isEqualTo(Tri.NO);
    assertThat(route.serves("/api/items/1/stock")).isEqualTo(Tri.YES);
    // explain shows the route alone: it refuses the origin the app-wide extension would reflect
    Explanation e = Explainer.explain(
        new ExplainRequest("/api/items/1/stock", "https://attacker.example", "GET", null, null, false), project.extract().policies());
    assertThat(e.scopes()).singleElement().satisfies(a -> {
      assertThat(a.scope()).contains("@cross_origin");
      assertThat(a.verdict()).isEqualTo("blocked");
    });
    // POST does not reach the view: Flask's 405 gets the app-wide headers, through the route's scope
    Response post = route.respond(Request.actual("/api/items/1/stock", "POST", "https://attacker.example"));
    assertThat(header(post, "Access-Control-Allow-Origin")).isEqualTo("https://attacker.example");
  }

  private CorsPolicy fastapi(String middleware) {
    return new PythonProject(dir).file("main.py", """
        from fastapi import FastAPI
        from fastapi.middleware.cors import CORSMiddleware
        app = FastAPI()
        """ + middleware).policy("FastAPI");
  }

  @Test
  void starletteDefaultsAllowGetOnlyAndRefusePreflightsWith400() {
    CorsPolicy p = fastapi("app.add_middleware(CORSMiddleware, allow_origins=['https://app.example'])\n");
    Response ok = preflight(p, "/", "https://app.example", "GET");
    assertThat(ok.status().get()).contains(200);
    assertThat(header(ok, "Access-Control-Allow-Methods")).isEqualTo("GET");
    assertThat(header(ok, "Access-Control-Allow-Headers")).isEqualTo("Accept, Accept-Language, Content-Language, Content-Type");
    assertThat(header(ok, "Access-Control-Max-Age")).isEqualTo("600");
    assertThat(header(ok, "Vary")).isEqualTo("Origin");
    Response refused = preflight(p, "/", "https://app.example", "PUT");
    assertThat(refused.status().get()).contains(400);
    assertThat(header(refused, "Access-Control-Allow-Origin")).isEqualTo("https://app.example");
    assertThat(preflight(p, "/", "https://app.example", "GET", "authorization").status().get()).contains(400);
    assertThat(get(p, "/", null).headers()).isEmpty();
  }

  @Test
  void starletteWildcardWithCredentialsReflectsForCookiesAndPreflights() {
    CorsPolicy p = fastapi("app.add_middleware(CORSMiddleware, allow_origins=['*'], allow_credentials=True, allow_methods=['*'], allow_headers=['*'])\n");
    assertThat(header(get(p, "/", "https://attacker.example"), "Access-Control-Allow-Origin")).isEqualTo("*");
    Response withCookie = p.respond(Request.actual("/", "GET", "https://attacker.example").withCredentials(true));
    assertThat(header(withCookie, "Access-Control-Allow-Origin")).isEqualTo("https://attacker.example");
    assertThat(header(withCookie, "Vary")).isEqualTo("Origin");
    Response pre = preflight(p, "/", "https://attacker.example", "DELETE", "authorization", "x-api-key");
    assertThat(header(pre, "Access-Control-Allow-Origin")).isEqualTo("https://attacker.example");
    assertThat(header(pre, "Access-Control-Allow-Headers")).isEqualTo("authorization,x-api-key");
    assertThat(header(pre, "Access-Control-Allow-Methods")).isEqualTo("DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT");
    assertThat(p.allowedOrigins()).isInstanceOf(OriginMatcher.Reflect.class);
  }

  @Test
  void starletteRegexMustMatchTheWholeOrigin() {
    CorsPolicy p = fastapi("app.add_middleware(CORSMiddleware, allow_origin_regex=r'https://.*\\.example\\.com')\n");
    assertThat(p.allowedOrigins().accepts("https://app.example.com")).isEqualTo(Tri.YES);
    assertThat(p.allowedOrigins().accepts("https://app.example.com.attacker.example")).isEqualTo(Tri.NO);
    assertThat(p.allowedOrigins().accepts("https://attacker.example/.example.com")).isEqualTo(Tri.YES);
  }

  @Test
  void middlewareAddedLaterRunsFirst() {
    CorsPolicy p = fastapi("""
        app.add_middleware(CORSMiddleware, allow_origins=["https://app.example"])

        @app.middleware("http")
        async def require_key(request, call_next):
            if request.headers.get("x-api-key") != "k":
                return JSONResponse({"detail": "forbidden"}, status_code=401)
            return await call_next(request)
        """);
    assertThat(p.layerOrder()).singleElement().satisfies(l -> {
      assertThat(l.corsLayer().line()).isEqualTo(4);
      assertThat(l.earlierLayer().line()).isEqualTo(6);
      assertThat(l.affectsPreflight()).isTrue();
    });
  }

  @Test
  void middlewareAddedEarlierDoesNotRunFirst() {
    CorsPolicy p = fastapi("""
        @app.middleware("http")
        async def require_key(request, call_next):
            if request.headers.get("x-api-key") != "k":
                return JSONResponse({"detail": "forbidden"}, status_code=401)
            return await call_next(request)

        app.add_middleware(CORSMiddleware, allow_origins=["https://app.example"])
        """);
    assertThat(p.layerOrder()).isEmpty();
    assertThat(p.usages()).extracting(u -> u.name()).contains("x-api-key");
  }

  @Test
  void allowedHeadersAreSortedAsPythonSortsThem() {
    CorsPolicy p = fastapi("app.add_middleware(CORSMiddleware, allow_origins=['https://app.example'], allow_headers=['authorization', 'X-Api-Key'])\n");
    assertThat(header(preflight(p, "/", "https://app.example", "GET", "authorization"), "Access-Control-Allow-Headers"))
        .isEqualTo("Accept, Accept-Language, Content-Language, Content-Type, X-Api-Key, authorization");
  }
  @Test
  void starletteEnvironmentDefaultsAreTheUnsetCase() {
    CorsPolicy p = new PythonProject(dir).file("main.py", """
        import os
        from fastapi import FastAPI
        from fastapi.middleware.cors import CORSMiddleware
        app = FastAPI()
        app.add_middleware(CORSMiddleware, allow_origins=os.getenv("CORS_ORIGINS", "https://app.example").split(","), max_age=300)
        """).policy("FastAPI");
    assertThat(header(get(p, "/x", "https://app.example"), "Access-Control-Allow-Origin")).isEqualTo("https://app.example");
    assertThat(p.assumedDefaults()).singleElement().satisfies(a -> {
      assertThat(a.input()).isEqualTo("CORS_ORIGINS");
      assertThat(a.value()).isEqualTo("['https://app.example']");
      assertThat(a.span()).hasToString("main.py:5:76");
    });
    Response set = preflight(p.withInputsSet(), "/x", "https://app.example", "GET");
    assertThat(set.first("Access-Control-Allow-Origin")).hasValueSatisfying(h -> assertThat(h.value().isUnknown()).isTrue());
    assertThat(header(set, "Access-Control-Max-Age")).isEqualTo("300");
    assertThat(fastapi("app.add_middleware(CORSMiddleware, allow_origins=['https://app.example'])\n").assumedDefaults()).isEmpty();
  }

  @Test
  void flaskCorsEnvironmentDefaultsAreTheUnsetCase() {
    PythonProject project = new PythonProject(dir).file("app.py", """
        import os
        from flask import Flask
        from flask_cors import CORS
        app = Flask(__name__)
        CORS(app, resources={r"/api/*": {"origins": os.environ.get("FRONTEND_ORIGINS", "https://shop.example").split(",")}},
             max_age=int(os.getenv("CORS_MAX_AGE", "600")), supports_credentials=True)
        """);
    CorsPolicy p = project.policy("Flask");
    Response unset = preflight(p, "/api/cart", "https://shop.example", "PUT");
    assertThat(header(unset, "Access-Control-Allow-Origin")).isEqualTo("https://shop.example");
    assertThat(header(unset, "Access-Control-Max-Age")).isEqualTo("600");
    assertThat(p.assumedDefaults()).extracting(a -> a.input(), a -> a.when(), a -> a.value(), a -> a.span().toString())
        .containsExactly(tuple("FRONTEND_ORIGINS", "FRONTEND_ORIGINS is unset", "['https://shop.example']", "app.py:5:80"),
            tuple("CORS_MAX_AGE", "CORS_MAX_AGE is unset", "600", "app.py:6:44"));
    // the scan judges the defaults, and says so for every option that takes one
    assertThat(project.notices()).extracting(n -> n.message())
        .anyMatch(m -> m.startsWith("flask-cors option origins comes from the environment variable FRONTEND_ORIGINS"))
        .anyMatch(m -> m.startsWith("flask-cors option max_age comes from the environment variable CORS_MAX_AGE; corslint uses its default 600"));

    CorsPolicy set = p.withInputsSet();
    Response deployed = preflight(set, "/api/cart", "https://shop.example", "PUT");
    assertThat(unknownReason(deployed, "Access-Control-Allow-Origin")).contains("FRONTEND_ORIGINS");
    assertThat(unknownReason(deployed, "Access-Control-Max-Age")).contains("CORS_MAX_AGE");
    assertThat(header(deployed, "Access-Control-Allow-Credentials")).isEqualTo("true");
    assertThat(set.assumedDefaults()).isEmpty();
    assertThat(set.scope()).isEqualTo(p.scope());
    // paths outside the resource stay without CORS headers either way
    assertThat(get(set, "/static/app.js", "https://shop.example").headers()).isEmpty();
  }

  @Test
  void flaskCorsDefaultsThatAnOptionOverridesAreNotAssumed() {
    CorsPolicy p = flask("""
        import os
        app.config["CORS_ORIGINS"] = os.environ.get("CORS_ORIGINS", "*")
        CORS(app, origins=["https://app.example"])
        """);
    assertThat(header(get(p, "/x", "https://attacker.example"), "Access-Control-Allow-Origin")).isNull();
    assertThat(p.assumedDefaults()).isEmpty();
    assertThat(p.withInputsSet()).isSameAs(p);
    assertThat(flask("CORS(app, origins=['https://app.example'])\n").withInputsSet()).isNotNull()
        .satisfies(q -> assertThat(q.assumedDefaults()).isEmpty());
  }

  @Test
  void crossOriginDefaultsIncludeTheAppWideOnesForMethodsTheViewDoesNotRun() {
    PythonProject project = new PythonProject(dir).file("app.py", """
        import os
        from flask import Flask
        from flask_cors import CORS, cross_origin
        app = Flask(__name__)
        CORS(app, origins=os.getenv("APP_ORIGIN", "https://app.example"))

        @app.route("/feedback", methods=["GET", "POST"])
        @cross_origin(origins=os.getenv("STATUS_ORIGIN", "https://status.example"))
        def feedback():
            return "[]"
        """);
    CorsPolicy route = project.policy("@cross_origin");
    assertThat(route.assumedDefaults()).extracting(a -> a.input()).containsExactly("APP_ORIGIN", "STATUS_ORIGIN");
    assertThat(header(get(route, "/feedback", "https://status.example"), "Access-Control-Allow-Origin")).isEqualTo("https://status.example");
    // DELETE gets Flask's 405 without running the view: the app-wide registration answers, with its default
    Request delete = Request.actual("/feedback", "DELETE", "https://app.example");
    assertThat(header(route.respond(delete), "Access-Control-Allow-Origin")).isEqualTo("https://app.example");

    CorsPolicy set = route.withInputsSet();
    assertThat(unknownReason(get(set, "/feedback", "https://status.example"), "Access-Control-Allow-Origin")).contains("STATUS_ORIGIN");
    assertThat(unknownReason(set.respond(delete), "Access-Control-Allow-Origin")).contains("APP_ORIGIN");
    assertThat(set.assumedDefaults()).isEmpty();
    // the app-wide scope names only its own default
    assertThat(project.policy("the Flask app").assumedDefaults()).extracting(a -> a.input()).containsExactly("APP_ORIGIN");
  }

  /** Why the first {@code name} line of {@code r} is unknown; fails when it is missing or known. */
  private static String unknownReason(Response r, String name) {
    Value<String> v = r.first(name).orElseThrow(() -> new AssertionError("no " + name)).value();
    assertThat(v).isInstanceOf(Value.Unknown.class);
    return ((Value.Unknown<String>) v).reason();
  }
}
