package dev.corslint.ecosystems.express;

import static dev.corslint.ecosystems.express.ExpressTestSupport.extract;
import static dev.corslint.ecosystems.express.ExpressTestSupport.headers;
import static dev.corslint.ecosystems.express.ExpressTestSupport.only;
import static dev.corslint.ecosystems.express.ExpressTestSupport.status;
import static org.assertj.core.api.Assertions.assertThat;

import dev.corslint.model.CorsPolicy;
import dev.corslint.model.Request;
import dev.corslint.model.Response;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cors package 2.8.6 as the model reproduces it (the live test checks the same against the real package;
 * these pin the behaviours that SEMANTICS.md records, so that a regression shows without Node).
 */
class CorsPackageTest {

  @TempDir Path dir;

  private CorsPolicy app(String corsCall) {
    return only(extract(dir, "server.js", """
        const express = require('express');
        const cors = require('cors');
        const app = express();
        app.use(%s);
        app.get('/items', (req, res) => res.json([]));
        app.put('/items/:id', (req, res) => res.json({}));
        module.exports = app;
        """.formatted(corsCall)));
  }

  private static Request preflight(String origin, String method, String... headers) {
    return Request.preflight("/items", origin, method, List.of(headers));
  }

  @Test
  void defaultsSendTheWildcardAllSixMethodsAndEchoTheRequestedHeaders() {
    CorsPolicy p = app("cors()");
    Response pre = p.respond(preflight("https://a.example", "PUT", "content-type", "x-api-key"));
    assertThat(status(pre)).isEqualTo(204);
    assertThat(headers(pre)).containsEntry("access-control-allow-origin", List.of("*"))
        .containsEntry("access-control-allow-methods", List.of("GET,HEAD,PUT,PATCH,POST,DELETE"))
        .containsEntry("access-control-allow-headers", List.of("content-type,x-api-key"))
        .containsEntry("vary", List.of("Access-Control-Request-Headers"))
        .doesNotContainKey("access-control-allow-credentials");
    Response get = p.respond(Request.actual("/items", "GET", "https://a.example"));
    assertThat(status(get)).isEqualTo(200);
    assertThat(headers(get)).containsEntry("access-control-allow-origin", List.of("*")).doesNotContainKey("vary");
  }

  @Test
  void originTrueReflectsEveryOriginIncludingNullWithCredentialsAndVary() {
    CorsPolicy p = app("cors({ origin: true, credentials: true })");
    Response r = p.respond(Request.actual("/items", "GET", "null"));
    assertThat(headers(r)).containsEntry("access-control-allow-origin", List.of("null"))
        .containsEntry("access-control-allow-credentials", List.of("true"))
        .containsEntry("vary", List.of("Origin"));
    assertThat(p.credentials().is(true)).isTrue();
    assertThat(p.allowedOrigins()).isInstanceOf(dev.corslint.model.OriginMatcher.Reflect.class);
  }

  @Test
  void listsAndPatternsReflectMatchesAndSendVaryToEveryone() {
    CorsPolicy p = app("cors({ origin: ['https://a.example', /\\.b\\.example$/] })");
    assertThat(headers(p.respond(Request.actual("/items", "GET", "https://x.b.example"))))
        .containsEntry("access-control-allow-origin", List.of("https://x.b.example"));
    Response refused = p.respond(Request.actual("/items", "GET", "https://evil.example"));
    assertThat(headers(refused)).doesNotContainKey("access-control-allow-origin").containsEntry("vary", List.of("Origin"));
    // A refused preflight is still answered 204 with the other headers, only without the origin.
    Response pre = p.respond(preflight("https://evil.example", "PUT"));
    assertThat(status(pre)).isEqualTo(204);
    assertThat(headers(pre)).doesNotContainKey("access-control-allow-origin").containsKey("access-control-allow-methods")
        .containsEntry("vary", List.of("Origin, Access-Control-Request-Headers"));
  }

  @Test
  void regexTestIsUnanchoredLikeRegExpTest() {
    CorsPolicy p = app("cors({ origin: /example\\.com/ })");
    assertThat(p.allowedOrigins().accepts("https://example.com.attacker.example")).isEqualTo(dev.corslint.model.Tri.YES);
    assertThat(headers(p.respond(Request.actual("/items", "GET", "https://example.com.attacker.example"))))
        .containsEntry("access-control-allow-origin", List.of("https://example.com.attacker.example"));
  }

  @Test
  void aFixedOriginIsSentToEveryoneWithVary() {
    CorsPolicy p = app("cors({ origin: 'https://a.example' })");
    assertThat(headers(p.respond(Request.actual("/items", "GET", "https://evil.example"))))
        .containsEntry("access-control-allow-origin", List.of("https://a.example")).containsEntry("vary", List.of("Origin"));
  }

  @Test
  void anOriginCallbackErrorBecomesA500WithoutCorsHeaders() {
    CorsPolicy p = app("""
        cors({ origin(origin, cb) { if (['https://a.example'].includes(origin)) cb(null, true); else cb(new Error('nope')); } })""");
    Response r = p.respond(Request.actual("/items", "GET", "https://evil.example"));
    assertThat(status(r)).isEqualTo(500);
    assertThat(r.hasCorsHeaders()).isFalse();
    assertThat(status(p.respond(preflight("https://evil.example", "PUT")))).isEqualTo(500);
    assertThat(headers(p.respond(Request.actual("/items", "GET", "https://a.example"))))
        .containsEntry("access-control-allow-origin", List.of("https://a.example"));
  }

  @Test
  void aFalsyCallbackAnswerSkipsCorsSoExpressAnswersTheOptionsItself() {
    CorsPolicy p = app("cors({ origin: (origin, cb) => cb(null, origin === 'https://a.example') })");
    Response pre = p.respond(preflight("https://evil.example", "PUT"));
    assertThat(status(pre)).isEqualTo(200);
    assertThat(headers(pre)).containsEntry("allow", List.of("GET,HEAD")).doesNotContainKey("vary");
  }

  @Test
  void optionsSuccessStatusAndPreflightContinue() {
    assertThat(status(app("cors({ optionsSuccessStatus: 200 })").respond(preflight("https://a.example", "PUT")))).isEqualTo(200);
    Response cont = app("cors({ preflightContinue: true })").respond(preflight("https://a.example", "PUT"));
    assertThat(status(cont)).as("next() reaches Express's automatic OPTIONS answer").isEqualTo(200);
    assertThat(headers(cont)).containsEntry("allow", List.of("GET,HEAD")).containsEntry("access-control-allow-origin", List.of("*"));
  }

  @Test
  void arraysAreJoinedAndMaxAgeIsSentAsText() {
    Response pre = app("cors({ methods: ['GET', 'PUT'], allowedHeaders: ['Content-Type', 'X-Key'], exposedHeaders: 'X-Total', maxAge: 600 })")
        .respond(preflight("https://a.example", "PUT", "x-key"));
    assertThat(headers(pre)).containsEntry("access-control-allow-methods", List.of("GET,PUT"))
        .containsEntry("access-control-allow-headers", List.of("Content-Type,X-Key"))
        .containsEntry("access-control-max-age", List.of("600"))
        .containsEntry("access-control-expose-headers", List.of("X-Total"))
        .doesNotContainKey("vary");
  }

  @Test
  void anOptionsDelegateChoosesOptionsPerRequest() {
    CorsPolicy p = app("""
        cors((req, callback) => {
          const allow = ['https://a.example'].indexOf(req.header('Origin')) !== -1;
          callback(null, allow ? { origin: true } : { origin: false });
        })""");
    assertThat(headers(p.respond(Request.actual("/items", "GET", "https://a.example"))))
        .containsEntry("access-control-allow-origin", List.of("https://a.example"));
    assertThat(p.respond(Request.actual("/items", "GET", "https://evil.example")).hasCorsHeaders()).isFalse();
    assertThat(p.allowedOrigins().accepts("https://a.example")).isEqualTo(dev.corslint.model.Tri.YES);
    assertThat(p.allowedOrigins().accepts("https://evil.example")).isEqualTo(dev.corslint.model.Tri.NO);
  }

  @Test
  void optionsFromTheEnvironmentAreUnknownNotGuessed() {
    CorsPolicy p = app("cors({ origin: process.env.CORS_ORIGIN.split(','), credentials: true })");
    assertThat(p.allowedOrigins()).isInstanceOf(dev.corslint.model.OriginMatcher.Opaque.class);
    assertThat(p.respond(Request.actual("/items", "GET", "https://a.example")).first("Access-Control-Allow-Origin")
        .map(h -> h.value().isUnknown())).contains(true);
  }
}
