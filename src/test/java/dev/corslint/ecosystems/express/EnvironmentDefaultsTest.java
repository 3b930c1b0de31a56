package dev.corslint.ecosystems.express;

import static dev.corslint.ecosystems.express.ExpressTestSupport.extract;
import static dev.corslint.ecosystems.express.ExpressTestSupport.headers;
import static dev.corslint.ecosystems.express.ExpressTestSupport.only;
import static org.assertj.core.api.Assertions.assertThat;

import dev.corslint.model.Alternative;
import dev.corslint.model.CorsPolicy;
import dev.corslint.model.Request;
import dev.corslint.model.Response;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The values the code falls back to when an environment variable is unset, followed as alternatives. */
class EnvironmentDefaultsTest {

  @TempDir Path dir;

  private static final Request SHOP = Request.actual("/api/orders", "GET", "https://shop.example.com");
  private static final Request ADMIN = Request.actual("/api/orders", "GET", "https://admin.example.com");

  private CorsPolicy app(String origin) {
    return only(extract(dir, "server.js", """
        const express = require('express');
        const cors = require('cors');
        const app = express();
        app.use(cors({
          origin: %s,
          credentials: true,
        }));
        app.get('/api/orders', (req, res) => res.json([]));
        app.listen(process.env.PORT || 3000);
        """.formatted(origin)));
  }

  private static Alternative<CorsPolicy> unset(CorsPolicy p, String variable) {
    return p.alternatives().stream().filter(a -> a.input().equals(variable)).findFirst()
        .orElseThrow(() -> new AssertionError("no alternative for " + variable + " in " + p.alternatives()));
  }

  @Test
  void orFallsBackToTheDefaultWhenTheVariableIsUnset() {
    CorsPolicy p = app("process.env.CORS_ORIGIN || 'https://shop.example.com'");
    assertThat(p.respond(SHOP).first("Access-Control-Allow-Origin").orElseThrow().value().isUnknown())
        .as("the deployed value is not known").isTrue();
    Alternative<CorsPolicy> a = unset(p, "CORS_ORIGIN");
    assertThat(a.when()).isEqualTo("CORS_ORIGIN is unset");
    assertThat(a.span().toString()).isEqualTo("server.js:5:38");
    Response shop = a.value().respond(SHOP);
    assertThat(headers(shop)).containsEntry("access-control-allow-origin", List.of("https://shop.example.com"))
        .containsEntry("access-control-allow-credentials", List.of("true"))
        .containsEntry("vary", List.of("Origin"));
    assertThat(shop.first("Access-Control-Allow-Origin").orElseThrow().value().where().orElseThrow().toString())
        .as("the default's own line").isEqualTo("server.js:5:38");
    // The cors package sends a fixed origin whatever the request's origin is; the browser then compares.
    assertThat(headers(a.value().respond(ADMIN))).containsEntry("access-control-allow-origin", List.of("https://shop.example.com"));
  }

  @Test
  void nullishCoalescingAndConditionalsNameTheUnsetCase() {
    CorsPolicy coalesced = app("process.env.CORS_ORIGIN ?? ['https://shop.example.com', 'https://admin.example.com']");
    Response admin = unset(coalesced, "CORS_ORIGIN").value().respond(ADMIN);
    assertThat(headers(admin)).containsEntry("access-control-allow-origin", List.of("https://admin.example.com"));

    CorsPolicy conditional = app("process.env.CORS_ORIGIN ? process.env.CORS_ORIGIN.split(',') : false");
    Alternative<CorsPolicy> a = unset(conditional, "CORS_ORIGIN");
    assertThat(a.span().toString()).isEqualTo("server.js:5:74");
    assertThat(a.value().respond(SHOP).has("Access-Control-Allow-Origin")).as("origin: false switches CORS off").isFalse();
  }

  @Test
  void aVariableReadWithoutDefaultHasNoAlternativeOfItsOwn() {
    CorsPolicy p = app("process.env.CORS_ORIGIN");
    assertThat(p.alternatives()).extracting(Alternative::input).doesNotContain("CORS_ORIGIN");
  }

  @Test
  void rulesStillSeeWhatTheyJudgedBefore() {
    CorsPolicy p = app("process.env.CORS_ORIGIN || 'https://shop.example.com'");
    assertThat(p.allowedOrigins().intendedOrigins()).containsExactly("https://shop.example.com");
  }

  @Test
  void theVariableIsUnsetInEveryLayerThatReadsIt() {
    CorsPolicy p = only(extract(dir, Map.of("server.js", """
        const express = require('express');
        const app = express();
        const allowed = process.env.ALLOWED_ORIGIN || 'https://shop.example.com';
        app.use((req, res, next) => {
          if (req.headers.origin === allowed) {
            res.setHeader('Access-Control-Allow-Origin', allowed);
            res.setHeader('Vary', 'Origin');
          }
          next();
        });
        app.get('/api/orders', (req, res) => res.json([]));
        app.listen(3000);
        """)));
    Alternative<CorsPolicy> a = unset(p, "ALLOWED_ORIGIN");
    assertThat(headers(a.value().respond(SHOP))).containsEntry("access-control-allow-origin", List.of("https://shop.example.com"));
    assertThat(a.value().respond(ADMIN).has("Access-Control-Allow-Origin")).isFalse();
  }
}
