package dev.corslint.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corslint.model.HeaderLine;
import dev.corslint.model.Request;
import dev.corslint.model.Response;
import dev.corslint.model.SourceSpan;
import dev.corslint.model.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The rows of the captured Chromium message table, replayed against the browser model. */
class BrowserTest {

  private static final String PAGE = "http://127.0.0.1:8001";
  private static final String URL = "http://127.0.0.1:9001/data";
  private static final SourceSpan AT = SourceSpan.at("t.conf", 1, 1);

  /** A server that answers every request with one fixed response per kind. */
  private static Function<Request, Response> server(Response preflight, Response actual) {
    return r -> r.isPreflight() ? preflight : actual;
  }

  private static Response response(int status, String... nameValues) {
    List<HeaderLine> headers = new ArrayList<>();
    for (int i = 0; i < nameValues.length; i += 2) {
      headers.add(new HeaderLine(nameValues[i], Value.known(nameValues[i + 1], AT)));
    }
    return new Response(Value.known(status, AT), headers);
  }

  private static CrossOriginFetch get() {
    return new CrossOriginFetch(URL, "/data", PAGE, "GET", Map.of(), false);
  }

  private static String reason(BrowserVerdict v) {
    return v.reason();
  }

  @Test
  void row1_noAllowOrigin() {
    BrowserVerdict v = Browser.fetch(get(), server(null, response(200)));
    assertThat(v.blocked()).isTrue();
    assertThat(v.preflightSent()).isFalse();
    assertThat(v.corsError()).isEqualTo("MissingAllowOriginHeader");
    assertThat(v.consoleMessage()).isEqualTo(
        "Access to fetch at 'http://127.0.0.1:9001/data' from origin 'http://127.0.0.1:8001' has been blocked by CORS policy: "
            + "No 'Access-Control-Allow-Origin' header is present on the requested resource.");
  }

  @Test
  void row2_mismatchTrailingSlashAndCase() {
    for (String value : List.of("http://127.0.0.1:8002", "http://127.0.0.1:8001/", "HTTP://127.0.0.1:8001", "null")) {
      BrowserVerdict v = Browser.fetch(get(), server(null, response(200, "Access-Control-Allow-Origin", value)));
      assertThat(v.corsError()).isEqualTo("AllowOriginMismatch");
      assertThat(reason(v)).isEqualTo("The 'Access-Control-Allow-Origin' header has a value '" + value
          + "' that is not equal to the supplied origin. Have the server send the header with a valid value.");
    }
  }

  @Test
  void row2e_2f_multipleValuesInOneLineOrTwoLines() {
    BrowserVerdict oneLine = Browser.fetch(get(), server(null,
        response(200, "Access-Control-Allow-Origin", "http://127.0.0.1:8001, http://127.0.0.1:8002")));
    assertThat(oneLine.corsError()).isEqualTo("MultipleAllowOriginValues");
    BrowserVerdict twoIdentical = Browser.fetch(get(), server(null, response(200,
        "Access-Control-Allow-Origin", PAGE, "Access-Control-Allow-Origin", PAGE)));
    assertThat(reason(twoIdentical)).isEqualTo("The 'Access-Control-Allow-Origin' header contains multiple values '"
        + PAGE + ", " + PAGE + "', but only one is allowed. Have the server send the header with a valid value.");
  }

  @Test
  void row2g_emptyValue() {
    BrowserVerdict v = Browser.fetch(get(), server(null, response(200, "Access-Control-Allow-Origin", "")));
    assertThat(reason(v)).isEqualTo(
        "The 'Access-Control-Allow-Origin' header contains the invalid value ''. Have the server send the header with a valid value.");
  }

  @Test
  void row3_wildcardWithCredentials() {
    BrowserVerdict v = Browser.fetch(get().withCredentials(true), server(null, response(200,
        "Access-Control-Allow-Origin", "*", "Access-Control-Allow-Credentials", "true")));
    assertThat(v.corsError()).isEqualTo("WildcardOriginNotAllowed");
    assertThat(reason(v)).isEqualTo("The value of the 'Access-Control-Allow-Origin' header in the response must not be the wildcard '*' when the request's credentials mode is 'include'.");
    BrowserVerdict withoutCredentials = Browser.fetch(get(), server(null, response(200, "Access-Control-Allow-Origin", "*")));
    assertThat(withoutCredentials.allowed()).isTrue();
  }

  @Test
  void row4_credentialsNeedExactTrue() {
    BrowserVerdict missing = Browser.fetch(get().withCredentials(true), server(null, response(200, "Access-Control-Allow-Origin", PAGE)));
    assertThat(reason(missing)).isEqualTo("The value of the 'Access-Control-Allow-Credentials' header in the response is '' which must be 'true' when the request's credentials mode is 'include'.");
    BrowserVerdict upper = Browser.fetch(get().withCredentials(true), server(null, response(200,
        "Access-Control-Allow-Origin", PAGE, "Access-Control-Allow-Credentials", "TRUE")));
    assertThat(reason(upper)).contains("is 'TRUE' which must be 'true'");
  }

  @Test
  void row5a_preflightWithoutAllowOriginReportsThatBeforeTheStatus() {
    BrowserVerdict v = Browser.fetch(get().withMethod("PUT"), server(response(405), response(200)));
    assertThat(v.preflightSent()).isTrue();
    assertThat(v.corsError()).isEqualTo("PreflightMissingAllowOriginHeader");
    assertThat(reason(v)).isEqualTo("Response to preflight request doesn't pass access control check: No 'Access-Control-Allow-Origin' header is present on the requested resource.");
  }

  @Test
  void row5b_preflightWithHeadersButNotOk() {
    BrowserVerdict v = Browser.fetch(get().withMethod("PUT"), server(
        response(405, "Access-Control-Allow-Origin", PAGE, "Access-Control-Allow-Methods", "PUT"), response(200)));
    assertThat(reason(v)).isEqualTo("Response to preflight request doesn't pass access control check: It does not have HTTP ok status.");
  }

  @Test
  void row5c_5o_methodsCompareAsWritten() {
    BrowserVerdict put = Browser.fetch(get().withMethod("PUT"), server(
        response(204, "Access-Control-Allow-Origin", PAGE, "Access-Control-Allow-Methods", "GET, POST"), response(200)));
    assertThat(reason(put)).isEqualTo("Method PUT is not allowed by Access-Control-Allow-Methods in preflight response.");
    BrowserVerdict lowerPatch = Browser.fetch(get().withMethod("patch"), server(
        response(204, "Access-Control-Allow-Origin", PAGE, "Access-Control-Allow-Methods", "PATCH"), response(200)));
    assertThat(reason(lowerPatch)).isEqualTo("Method patch is not allowed by Access-Control-Allow-Methods in preflight response.");
    BrowserVerdict lowerPut = Browser.fetch(get().withMethod("put"), server(
        response(204, "Access-Control-Allow-Origin", PAGE, "Access-Control-Allow-Methods", "PUT"),
        response(200, "Access-Control-Allow-Origin", PAGE)));
    assertThat(lowerPut.allowed()).as("put is normalized to PUT by Fetch").isTrue();
  }

  @Test
  void row5d_5e_headersQuotedInLowerCase() {
    BrowserVerdict custom = Browser.fetch(get().withHeader("X-Custom-Header", "1"), server(
        response(204, "Access-Control-Allow-Origin", PAGE, "Access-Control-Allow-Headers", "Content-Type"), response(200)));
    assertThat(reason(custom)).isEqualTo("Request header field x-custom-header is not allowed by Access-Control-Allow-Headers in preflight response.");
    BrowserVerdict json = Browser.fetch(get().withMethod("POST").withHeader("Content-Type", "application/json"), server(
        response(204, "Access-Control-Allow-Origin", PAGE), response(200)));
    assertThat(reason(json)).isEqualTo("Request header field content-type is not allowed by Access-Control-Allow-Headers in preflight response.");
  }

  @Test
  void row5f_5g_5h_5i_wildcardsHonouredOnlyWithoutCredentials() {
    Response actual = response(200, "Access-Control-Allow-Origin", PAGE, "Access-Control-Allow-Credentials", "true");
    Response pre = response(204, "Access-Control-Allow-Origin", PAGE, "Access-Control-Allow-Credentials", "true",
        "Access-Control-Allow-Headers", "*", "Access-Control-Allow-Methods", "*");
    assertThat(Browser.fetch(get().withHeader("Authorization", "Bearer x"), server(pre, actual)).allowed()).isTrue();
    BrowserVerdict auth = Browser.fetch(get().withHeader("Authorization", "Bearer x").withCredentials(true), server(pre, actual));
    assertThat(reason(auth)).isEqualTo("Request header field authorization is not allowed by Access-Control-Allow-Headers in preflight response.");
    BrowserVerdict put = Browser.fetch(get().withMethod("PUT").withCredentials(true), server(pre, actual));
    assertThat(reason(put)).isEqualTo("Method PUT is not allowed by Access-Control-Allow-Methods in preflight response.");
  }

  @Test
  void row2e_spaceSeparatedValuesAreMultipleToo() {
    BrowserVerdict v = Browser.fetch(get(), server(null,
        response(200, "Access-Control-Allow-Origin", "https://a.example https://b.example")));
    assertThat(v.corsError()).isEqualTo("MultipleAllowOriginValues");
  }

  @Test
  void row6c_redirectedActualRequestFailsOnTheRedirectOrIsFollowed() {
    BrowserVerdict noAcao = Browser.fetch(get(), server(null, response(302, "Location", "/elsewhere")));
    assertThat(noAcao.corsError()).isEqualTo("MissingAllowOriginHeader");
    BrowserVerdict followed = Browser.fetch(get(), server(null,
        response(301, "Location", "/elsewhere", "Access-Control-Allow-Origin", PAGE)));
    assertThat(followed.known()).as("the target is checked again; its answer is not in this response").isFalse();
  }

  @Test
  void row5j_redirectedPreflightEvenWithoutLocation() {
    BrowserVerdict v = Browser.fetch(get().withMethod("PUT"), server(response(301, "Access-Control-Allow-Origin", PAGE), response(200)));
    assertThat(v.corsError()).isEqualTo("PreflightDisallowedRedirect");
  }

  @Test
  void row5j_redirectedPreflight() {
    BrowserVerdict v = Browser.fetch(get().withMethod("PUT"), server(response(301, "Location", "https://x/"), response(200)));
    assertThat(reason(v)).isEqualTo("Response to preflight request doesn't pass access control check: Redirect is not allowed for a preflight request.");
  }

  @Test
  void row5l_5m_preflightCredentialChecks() {
    BrowserVerdict star = Browser.fetch(get().withMethod("PUT").withCredentials(true), server(
        response(204, "Access-Control-Allow-Origin", "*", "Access-Control-Allow-Methods", "PUT"), response(200)));
    assertThat(star.corsError()).isEqualTo("PreflightWildcardOriginNotAllowed");
    BrowserVerdict noAcac = Browser.fetch(get().withMethod("PUT").withCredentials(true), server(
        response(204, "Access-Control-Allow-Origin", PAGE, "Access-Control-Allow-Methods", "PUT"), response(200)));
    assertThat(noAcac.corsError()).isEqualTo("PreflightInvalidAllowCredentials");
    assertThat(reason(noAcac)).startsWith("Response to preflight request doesn't pass access control check: The value of the 'Access-Control-Allow-Credentials'");
  }

  @Test
  void row5n_preflightOkActualWithout() {
    BrowserVerdict v = Browser.fetch(get().withMethod("PUT"), server(
        response(204, "Access-Control-Allow-Origin", PAGE, "Access-Control-Allow-Methods", "PUT"), response(200)));
    assertThat(v.stage()).isEqualTo(BrowserVerdict.Stage.ACTUAL);
    assertThat(v.corsError()).isEqualTo("MissingAllowOriginHeader");
  }

  @Test
  void row6b_errorStatusWithAllowOriginIsReadable() {
    assertThat(Browser.fetch(get(), server(null, response(500, "Access-Control-Allow-Origin", PAGE))).allowed()).isTrue();
  }

  @Test
  void section7_mixedContentBlockedBeforeCorsButNotForLoopback() {
    CrossOriginFetch f = new CrossOriginFetch("http://api.test:9001/data", "/data", "https://app.test:8443", "PUT", Map.of(), false);
    BrowserVerdict v = Browser.fetch(f, r -> { throw new AssertionError("no request reaches the server"); });
    assertThat(v.stage()).isEqualTo(BrowserVerdict.Stage.MIXED_CONTENT);
    assertThat(v.consoleMessage()).isEqualTo("Mixed Content: The page at 'https://app.test:8443/' was loaded over HTTPS, but requested an insecure resource 'http://api.test:9001/data'. This request has been blocked; the content must be served over HTTPS.");
    CrossOriginFetch loopback = f.withOrigin("https://127.0.0.1:8443");
    assertThat(Browser.fetch(new CrossOriginFetch("http://127.0.0.1:9001/d", "/d", "https://127.0.0.1:8443", "GET", Map.of(), false),
        server(null, response(200, "Access-Control-Allow-Origin", "https://127.0.0.1:8443"))).allowed()).isTrue();
    assertThat(loopback.origin()).isEqualTo("https://127.0.0.1:8443");
  }

  @Test
  void unknownValuesGiveNoVerdict() {
    Response unknown = new Response(Value.known(200, AT),
        List.of(new HeaderLine("Access-Control-Allow-Origin", Value.unknown("$cors_origin", AT))));
    BrowserVerdict v = Browser.fetch(get(), server(null, unknown));
    assertThat(v.known()).isFalse();
    assertThat(v.blocked()).isFalse();
  }

  @Test
  void safelistedRequestsNeedNoPreflight() {
    assertThat(Browser.needsPreflight("POST", Map.of("Content-Type", "text/plain;charset=utf-8"))).isFalse();
    assertThat(Browser.needsPreflight("POST", Map.of("Content-Type", "application/json"))).isTrue();
    assertThat(Browser.needsPreflight("GET", Map.of("Accept", "application/json", "Accept-Language", "en"))).isFalse();
    assertThat(Browser.needsPreflight("DELETE", Map.of())).isTrue();
    assertThat(Browser.needsPreflight("get", Map.of())).isFalse();
  }
}
