package dev.corslint.ecosystems.django;

import static dev.corslint.ecosystems.django.PythonProject.get;
import static dev.corslint.ecosystems.django.PythonProject.header;
import static dev.corslint.ecosystems.django.PythonProject.preflight;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.corslint.model.CorsPolicy;
import dev.corslint.model.Environment;
import dev.corslint.model.OriginMatcher;
import dev.corslint.model.Request;
import dev.corslint.model.Response;
import dev.corslint.model.Tri;
import dev.corslint.model.Usage;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** django-cors-headers as the middleware's code answers, 4.x unless a project pins 3.x. */
class CorsHeadersPolicyTest {

  @TempDir Path dir;

  private static final String MIDDLEWARE = """
      INSTALLED_APPS = ["django.contrib.contenttypes", "corsheaders"]
      MIDDLEWARE = [
          "django.middleware.security.SecurityMiddleware",
          "corsheaders.middleware.CorsMiddleware",
          "django.middleware.common.CommonMiddleware",
      ]
      """;

  private CorsPolicy settings(String cors) {
    return new PythonProject(dir).file("site/settings.py", MIDDLEWARE + cors).policy("site/settings.py");
  }

  @Test
  void allowAllWithCredentialsReflectsEveryOriginNullIncluded() {
    CorsPolicy p = settings("CORS_ALLOW_ALL_ORIGINS = True\nCORS_ALLOW_CREDENTIALS = True\n");
    assertThat(header(get(p, "/x", "https://attacker.example"), "Access-Control-Allow-Origin")).isEqualTo("https://attacker.example");
    assertThat(header(get(p, "/x", "null"), "Access-Control-Allow-Origin")).isEqualTo("null");
    assertThat(header(get(p, "/x", "null"), "Access-Control-Allow-Credentials")).isEqualTo("true");
    assertThat(p.allowedOrigins()).isInstanceOf(OriginMatcher.Reflect.class);
    assertThat(p.allowedOrigins().span().line()).isEqualTo(7);
  }

  @Test
  void allowAllWithoutCredentialsSendsTheWildcard() {
    CorsPolicy p = settings("CORS_ORIGIN_ALLOW_ALL = True\n");
    assertThat(header(get(p, "/x", "https://any.example"), "Access-Control-Allow-Origin")).isEqualTo("*");
    assertThat(p.allowedOrigins()).isInstanceOf(OriginMatcher.Wildcard.class);
  }

  @Test
  void preflightIsAnsweredByTheMiddlewareWithDefaults() {
    CorsPolicy p = settings("CORS_ALLOWED_ORIGINS = ['https://app.example']\n");
    Response r = preflight(p, "/api/x", "https://app.example", "PUT", "content-type");
    assertThat(r.status().get()).contains(200);
    assertThat(header(r, "Access-Control-Allow-Origin")).isEqualTo("https://app.example");
    assertThat(header(r, "Access-Control-Allow-Methods")).isEqualTo("DELETE, GET, OPTIONS, PATCH, POST, PUT");
    assertThat(header(r, "Access-Control-Allow-Headers"))
        .isEqualTo("accept, authorization, content-type, user-agent, x-csrftoken, x-requested-with");
    assertThat(header(r, "Access-Control-Max-Age")).isEqualTo("86400");
    assertThat(header(r, "Vary")).isEqualTo("Origin");
    assertThat(r.has("Access-Control-Allow-Credentials")).isFalse();
    // The preflight is answered whatever the handler would do with OPTIONS.
    assertThat(p.respond(Request.preflight("/api/x", "https://app.example", "PUT", java.util.List.of()).withHandlerStatus(405))
        .status().get()).contains(200);
  }

  @Test
  void refusedOriginsGetOnlyVary() {
    CorsPolicy p = settings("CORS_ALLOWED_ORIGINS = ['https://app.example']\nCORS_ALLOW_CREDENTIALS = True\n");
    Response r = get(p, "/x", "https://attacker.example");
    assertThat(r.headers()).extracting(h -> h.name()).containsExactly("Vary");
    Response none = get(p, "/x", null);
    assertThat(none.headers()).extracting(h -> h.name()).containsExactly("Vary");
  }

  @Test
  void version3SendsCredentialsToRefusedOriginsAndOlderDefaultHeaders() {
    PythonProject project = new PythonProject(dir)
        .file("requirements.txt", "Django==3.2.25\ndjango-cors-headers==3.14.0\n")
        .file("site/settings.py", MIDDLEWARE + "CORS_ALLOWED_ORIGINS = ['https://app.example']\nCORS_ALLOW_CREDENTIALS = True\nCORS_ALLOW_PRIVATE_NETWORK = True\n");
    CorsPolicy p = project.policy("site/settings.py");
    assertThat(header(get(p, "/x", "https://attacker.example"), "Access-Control-Allow-Credentials")).isEqualTo("true");
    assertThat(get(p, "/x", "https://attacker.example").has("Access-Control-Allow-Origin")).isFalse();
    Response pre = preflight(p, "/x", "https://app.example", "PUT");
    assertThat(header(pre, "Access-Control-Allow-Headers")).contains("accept-encoding", "dnt", "origin");
    assertThat(pre.has("Access-Control-Allow-Private-Network")).isFalse();
    assertThat(project.notices()).anyMatch(n -> n.message().contains("CORS_ALLOW_PRIVATE_NETWORK has no effect"));
  }

  @Test
  void version3IsReadFromPipfileAndPyprojectPins() {
    assertThat(CorsHeadersVersion.declared("django-cors-headers = \"==3.13.0\"")).contains(CorsHeadersVersion.V3);
    assertThat(CorsHeadersVersion.declared("django-cors-headers = \"^3.10\"")).contains(CorsHeadersVersion.V3);
    assertThat(CorsHeadersVersion.declared("django-cors-headers<4")).contains(CorsHeadersVersion.V3);
    assertThat(CorsHeadersVersion.declared("django-cors-headers>=3.13")).contains(CorsHeadersVersion.V4);
    assertThat(CorsHeadersVersion.declared("django_cors_headers")).contains(CorsHeadersVersion.V4);
    assertThat(CorsHeadersVersion.declared("# django-cors-headers==3.1\nflask")).isEmpty();
    assertThat(CorsHeadersVersion.declared("django-cors-headers==4.2.0")).contains(CorsHeadersVersion.V4_EARLY);
    assertThat(CorsHeadersVersion.declared("django-cors-headers~=4.1.0")).contains(CorsHeadersVersion.V4_EARLY);
    assertThat(CorsHeadersVersion.declared("django-cors-headers~=4.1")).contains(CorsHeadersVersion.V4);
    assertThat(CorsHeadersVersion.declared("django-cors-headers<4.3")).contains(CorsHeadersVersion.V4_EARLY);
    assertThat(CorsHeadersVersion.declared("django-cors-headers==4.4.0")).contains(CorsHeadersVersion.V4);
  }

  @Test
  void privateNetworkAnswerInVersion4() {
    CorsPolicy p = settings("CORS_ALLOWED_ORIGIN_REGEXES = [r'^https://\\w+\\.example\\.com$']\nCORS_ALLOW_PRIVATE_NETWORK = True\n");
    Response pre = preflight(p, "/x", "https://app.example.com", "GET");
    assertThat(header(pre, "Access-Control-Allow-Private-Network")).isEqualTo("true");
    assertThat(get(p, "/x", "https://app.example.com").has("Access-Control-Allow-Private-Network")).isFalse();
  }

  @Test
  void regexesAreAnchoredAtTheStartOnly() {
    CorsPolicy p = settings("CORS_ALLOWED_ORIGIN_REGEXES = [r'^https://(\\w+\\.)?example\\.com']\n");
    assertThat(p.allowedOrigins().accepts("https://example.com")).isEqualTo(Tri.YES);
    assertThat(p.allowedOrigins().accepts("https://example.com.attacker.example")).isEqualTo(Tri.YES);
    assertThat(p.allowedOrigins().accepts("https://attacker.example")).isEqualTo(Tri.NO);
    assertThat(header(get(p, "/", "https://example.com.attacker.example"), "Access-Control-Allow-Origin"))
        .isEqualTo("https://example.com.attacker.example");
  }

  @Test
  void entriesMatchBySchemeAndHostAsUrlsplitSeesThem() {
    CorsPolicy p = settings("""
        CORS_ALLOWED_ORIGINS = [
            "https://slash.example/",
            "app.example.com",
            "https://Upper.example",
            "https://port.example:443",
        ]
        CORS_ALLOW_CREDENTIALS = True
        """);
    // A trailing slash still matches (only scheme and host are compared).
    assertThat(header(get(p, "/", "https://slash.example"), "Access-Control-Allow-Origin")).isEqualTo("https://slash.example");
    // No scheme: no browser origin matches, but the opaque origin does.
    assertThat(get(p, "/", "https://app.example.com").has("Access-Control-Allow-Origin")).isFalse();
    assertThat(header(get(p, "/", "null"), "Access-Control-Allow-Origin")).isEqualTo("null");
    // Upper case and a default port never equal what a browser sends.
    assertThat(get(p, "/", "https://upper.example").has("Access-Control-Allow-Origin")).isFalse();
    assertThat(get(p, "/", "https://port.example").has("Access-Control-Allow-Origin")).isFalse();
    assertThat(p.allowedOrigins().leaves()).extracting(l -> ((OriginMatcher.Exact) l).origin())
        .containsExactly("https://slash.example", "app.example.com", "null", "https://Upper.example", "https://port.example:443");
  }

  @Test
  void systemCheckFailuresAreNotices() {
    PythonProject project = new PythonProject(dir).file("site/settings.py",
        MIDDLEWARE + "CORS_ALLOWED_ORIGINS = ['https://slash.example/', 'app.example.com']\n");
    assertThat(project.notices()).anyMatch(n -> n.message().contains("corsheaders.E014") && n.message().contains("gunicorn"));
    assertThat(project.notices()).anyMatch(n -> n.message().contains("corsheaders.E013") && n.message().contains("'Origin: null'"));
  }

  @Test
  void urlsRegexLimitsTheScope() {
    CorsPolicy p = settings("CORS_URLS_REGEX = r'^/api/.*$'\nCORS_ALLOW_ALL_ORIGINS = True\n");
    assertThat(get(p, "/admin/", "https://a.example").headers()).isEmpty();
    assertThat(header(get(p, "/api/items", "https://a.example"), "Access-Control-Allow-Origin")).isEqualTo("*");
    assertThat(p.samplePath()).startsWith("/api/");
    assertThat(p.scope().description()).contains("paths matching ^/api/.*$");
    assertThat(((CorsHeadersPolicy) p).serves("/admin/")).isEqualTo(Tri.NO);
  }

  @Test
  void exposeHeadersAndMaxAge() {
    CorsPolicy p = settings("CORS_ALLOW_ALL_ORIGINS = True\nCORS_EXPOSE_HEADERS = ['X-Total-Count']\nCORS_PREFLIGHT_MAX_AGE = 0\n");
    assertThat(header(get(p, "/", "https://a.example"), "Access-Control-Expose-Headers")).isEqualTo("X-Total-Count");
    assertThat(preflight(p, "/", "https://a.example", "PUT").has("Access-Control-Max-Age")).isFalse();
  }

  @Test
  void middlewareMissingMakesTheSettingsInert() {
    CorsPolicy p = new PythonProject(dir).file("site/settings.py", """
        INSTALLED_APPS = ["corsheaders"]
        MIDDLEWARE = ["django.middleware.common.CommonMiddleware"]
        CORS_ALLOWED_ORIGINS = ["https://app.example"]
        """).policy("site/settings.py");
    assertThat(get(p, "/", "https://app.example").headers()).isEmpty();
    assertThat(p.layerOrder()).singleElement().satisfies(l -> {
      assertThat(l.corsLayer().line()).isEqualTo(2);
      assertThat(l.description()).contains("not in MIDDLEWARE");
    });
  }

  @Test
  void middlewareBelowOnesThatAnswer() {
    PythonProject project = new PythonProject(dir)
        .file("manage.py", "")
        .file("api/__init__.py", "")
        .file("api/middleware.py", """
            from django.http import JsonResponse

            class ApiKeyMiddleware:
                def __init__(self, get_response):
                    self.get_response = get_response

                def __call__(self, request):
                    if request.headers.get("X-Api-Key") != "secret":
                        return JsonResponse({"error": "forbidden"}, status=401)
                    response = self.get_response(request)
                    return response
            """)
        .file("site/settings.py", """
            MIDDLEWARE = [
                "api.middleware.ApiKeyMiddleware",
                "django.middleware.common.CommonMiddleware",
                "corsheaders.middleware.CorsMiddleware",
            ]
            CORS_ALLOWED_ORIGINS = ["https://app.example"]
            """);
    CorsPolicy p = project.policy("site/settings.py");
    assertThat(p.layerOrder()).hasSize(2);
    assertThat(p.layerOrder().get(0).earlierLayer().line()).isEqualTo(2);
    assertThat(p.layerOrder().get(0).affectsPreflight()).isTrue();
    assertThat(p.layerOrder().get(1).affectsPreflight()).isFalse();
    assertThat(p.layerOrder()).allMatch(l -> l.corsLayer().line() == 4);
    assertThat(project.notices()).anyMatch(n -> n.message().contains("corsheaders is not in INSTALLED_APPS"));
    assertThat(p.usages()).anyMatch(u -> u.kind() == Usage.Kind.REQUEST_HEADER && u.name().equals("X-Api-Key"));
  }

  @Test
  void splitSettingsMakeOnePolicyPerDeployedModule() {
    PythonProject project = new PythonProject(dir)
        .file("manage.py", "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'proj.settings.dev')\n")
        .file("proj/__init__.py", "")
        .file("proj/settings/__init__.py", "")
        .file("proj/settings/base.py", MIDDLEWARE + "CORS_ALLOWED_ORIGINS = ['https://app.example']\n")
        .file("proj/settings/production.py", "from .base import *\nCORS_ALLOWED_ORIGINS += ['https://admin.example']\n")
        .file("proj/settings/dev.py", "from .base import *\nCORS_ALLOWED_ORIGINS.append('http://localhost:3000')\n");
    assertThat(project.extract().policies()).extracting(p -> p.scope().description())
        .containsExactlyInAnyOrder("the Django app configured by proj/settings/production.py",
            "the Django app configured by proj/settings/dev.py");
    CorsPolicy prod = project.policy("production.py");
    assertThat(prod.scope().environment()).isEqualTo(Environment.PRODUCTION);
    assertThat(prod.allowedOrigins().intendedOrigins()).containsExactly("https://app.example", "https://admin.example");
    assertThat(project.policy("dev.py").scope().environment()).isEqualTo(Environment.DEVELOPMENT);
  }

  @Test
  void valuesSetOnlyUnderDebugAreDevelopmentOnly() {
    PythonProject project = new PythonProject(dir).file("site/settings.py", MIDDLEWARE + """
        import os
        DEBUG = os.environ.get("DJANGO_DEBUG") == "1"
        CORS_ALLOWED_ORIGINS = ["https://app.example"]
        if DEBUG:
            CORS_ALLOWED_ORIGINS += ["http://localhost:5173"]
        """);
    assertThat(project.extract().policies()).hasSize(2);
    CorsPolicy prod = project.extract().policies().stream().filter(p -> p.scope().environment() == Environment.PRODUCTION).findFirst().orElseThrow();
    CorsPolicy dev = project.extract().policies().stream().filter(p -> p.scope().environment() == Environment.DEVELOPMENT).findFirst().orElseThrow();
    assertThat(prod.allowedOrigins().accepts("http://localhost:5173")).isEqualTo(Tri.NO);
    assertThat(dev.allowedOrigins().accepts("http://localhost:5173")).isEqualTo(Tri.YES);
    assertThat(dev.scope().description()).contains("DEBUG = True");
  }

  @Test
  void environmentValuesWithoutDefaultsAreOpaque() {
    PythonProject project = new PythonProject(dir).file("site/settings.py", MIDDLEWARE + """
        import os
        CORS_ALLOWED_ORIGINS = os.environ["CORS_ALLOWED_ORIGINS"].split(",")
        """);
    CorsPolicy p = project.policy("site/settings.py");
    assertThat(p.allowedOrigins()).isInstanceOf(OriginMatcher.Opaque.class);
    assertThat(get(p, "/", "https://app.example").first("Access-Control-Allow-Origin").orElseThrow().value().isUnknown()).isTrue();
    assertThat(project.notices()).anyMatch(n -> n.message().contains("CORS_ALLOWED_ORIGINS depends on the environment variable CORS_ALLOWED_ORIGINS"));
  }

  @Test
  void aStringInsteadOfATupleComparesCharacters() {
    PythonProject project = new PythonProject(dir).file("site/settings.py", MIDDLEWARE
        + "CORS_ALLOWED_ORIGINS = ('https://app.example')\nCORS_ALLOWED_ORIGIN_REGEXES = (r'^https://.*\\.example\\.com$')\n");
    CorsPolicy p = project.policy("site/settings.py");
    // Each character is a pattern: '^' matches every origin.
    assertThat(p.allowedOrigins().accepts("https://attacker.example")).isEqualTo(Tri.YES);
    assertThat(header(get(p, "/", "null"), "Access-Control-Allow-Origin")).isEqualTo("null");
    assertThat(project.notices()).anyMatch(n -> n.message().contains("is a string, not a list"));
  }

  @Test
  void handlerUsagesOfTheProject() {
    PythonProject project = new PythonProject(dir)
        .file("manage.py", "")
        .file("site/settings.py", MIDDLEWARE + """
            CORS_ALLOWED_ORIGINS = ["https://app.example"]
            REST_FRAMEWORK = {"DEFAULT_AUTHENTICATION_CLASSES": ["rest_framework.authentication.TokenAuthentication"]}
            """)
        .file("shop/views.py", """
            from rest_framework import viewsets, generics
            from rest_framework.decorators import api_view, action

            class OrderViewSet(viewsets.ReadOnlyModelViewSet):
                @action(detail=True, methods=["put"])
                def archive(self, request, pk=None):
                    tenant = request.META.get("HTTP_X_TENANT_ID")
                    forwarded = request.META["HTTP_X_FORWARDED_FOR"]

            class CartView(generics.RetrieveDestroyAPIView):
                pass

            @api_view(["GET", "PATCH"])
            def profile(request):
                if "X-Client-Version" in request.headers:
                    pass
            """);
    CorsPolicy p = project.policy("site/settings.py");
    assertThat(p.usages()).extracting(u -> u.kind() + " " + u.name()).containsExactlyInAnyOrder(
        "REQUEST_HEADER Authorization", "METHOD PUT", "REQUEST_HEADER X-Tenant-Id", "METHOD DELETE", "METHOD PATCH",
        "REQUEST_HEADER X-Client-Version");
  }
  @Test
  void environmentDefaultsAreTheUnsetCaseAndSetVariablesLeaveTheValueUnknown() {
    CorsPolicy p = new PythonProject(dir).file("site/settings.py", "import os\nimport environ\nenv = environ.Env()\n" + MIDDLEWARE + """
        CORS_ALLOWED_ORIGINS = os.environ.get("CORS_ORIGINS", "https://app.example,https://admin.example").split(",")
        CORS_ALLOW_CREDENTIALS = env.bool("CORS_CREDENTIALS", default=True)
        CORS_PREFLIGHT_MAX_AGE = 600
        """).policy("site/settings.py");
    // The policy itself answers with the defaults, as rules judge them.
    assertThat(header(get(p, "/x", "https://admin.example"), "Access-Control-Allow-Origin")).isEqualTo("https://admin.example");
    assertThat(p.assumedDefaults()).extracting(a -> a.input(), a -> a.when(), a -> a.value())
        .containsExactly(tuple("CORS_ORIGINS", "CORS_ORIGINS is unset", "['https://app.example', 'https://admin.example']"),
            tuple("CORS_CREDENTIALS", "CORS_CREDENTIALS is unset", "True"));
    assertThat(p.assumedDefaults().get(0).span()).hasToString("site/settings.py:10:55");
    // With the variables set, what the middleware sends for them is not known; the rest is as written.
    Response set = preflight(p.withInputsSet(), "/x", "https://admin.example", "PUT");
    assertThat(set.first("Access-Control-Allow-Origin")).hasValueSatisfying(h -> assertThat(h.value().isUnknown()).isTrue());
    assertThat(header(set, "Access-Control-Max-Age")).isEqualTo("600");
    assertThat(p.withInputsSet().assumedDefaults()).isEmpty();
  }

  @Test
  void settingsWithoutEnvironmentDefaultsAssumeNothing() {
    CorsPolicy p = settings("CORS_ALLOWED_ORIGINS = ['https://app.example']\n");
    assertThat(p.assumedDefaults()).isEmpty();
    assertThat(p.withInputsSet()).isSameAs(p);
  }
}
