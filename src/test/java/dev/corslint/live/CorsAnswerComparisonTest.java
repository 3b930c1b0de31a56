package dev.corslint.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corslint.live.RawHttpClient.HeaderField;
import dev.corslint.live.RawHttpClient.RawResponse;
import dev.corslint.model.HeaderLine;
import dev.corslint.model.Response;
import dev.corslint.model.SourceSpan;
import dev.corslint.model.Value;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The comparison rules on their own, so that "0 mismatches" in the live test means agreement. */
class CorsAnswerComparisonTest {

  private static final SourceSpan AT = SourceSpan.at("a.conf", 1, 1);

  private static HeaderLine known(String name, String value) {
    return new HeaderLine(name, Value.known(value, AT));
  }

  private static RawResponse nginx(int status, String... nameValue) {
    List<HeaderField> h = new java.util.ArrayList<>();
    h.add(new HeaderField("Server", "nginx"));
    for (int i = 0; i < nameValue.length; i += 2) h.add(new HeaderField(nameValue[i], nameValue[i + 1]));
    return new RawResponse(status, "HTTP/1.1 " + status, h);
  }

  @Test
  void namesIgnoreCaseValuesDoNotAndOtherHeadersAreIgnored() {
    Response model =
        new Response(
            Value.known(200, AT),
            List.of(known("access-control-allow-origin", "https://a.example"), known("X-Other", "1")));
    assertThat(CorsAnswerComparison.compare(model, nginx(200, "Access-Control-Allow-Origin", "https://a.example"))).isEmpty();
    assertThat(CorsAnswerComparison.compare(model, nginx(200, "Access-Control-Allow-Origin", "https://A.example")))
        .get()
        .extracting(CorsAnswerComparison.Difference::summary)
        .isEqualTo(
            "missing access-control-allow-origin: https://a.example"
                + " | extra access-control-allow-origin: https://A.example");
  }

  @Test
  void duplicatesCountAndVaryIsCompared() {
    Response one = new Response(Value.known(204, AT), List.of(known("Access-Control-Allow-Origin", "*")));
    RawResponse two = nginx(204, "Access-Control-Allow-Origin", "*", "access-control-allow-origin", "*");
    assertThat(CorsAnswerComparison.compare(one, two)).get().extracting(CorsAnswerComparison.Difference::summary)
        .isEqualTo("extra access-control-allow-origin: *");
    assertThat(CorsAnswerComparison.compare(one, nginx(204, "Access-Control-Allow-Origin", "*", "Vary", "Origin")))
        .isPresent();
  }

  @Test
  void unknownValuesSkipTheirNameOnBothSidesAndUnknownStatusIsNotCompared() {
    Response model =
        new Response(
            Value.unknown("static file", AT),
            List.of(
                new HeaderLine("Access-Control-Allow-Headers", Value.unknown("request header", AT)),
                known("Vary", "Origin")));
    assertThat(
            CorsAnswerComparison.compare(
                model, nginx(404, "Access-Control-Allow-Headers", "x", "Access-Control-Allow-Headers", "y", "Vary", "Origin")))
        .isEmpty();
    assertThat(CorsAnswerComparison.compare(model, nginx(404))).isPresent();
  }

  @Test
  void statusIsComparedWhenKnown() {
    Response model = new Response(Value.known(204, AT), List.of());
    assertThat(CorsAnswerComparison.compare(model, nginx(403))).get().extracting(CorsAnswerComparison.Difference::summary)
        .isEqualTo("status 204≠403");
  }
}
