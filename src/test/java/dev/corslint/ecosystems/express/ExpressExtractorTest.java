package dev.corslint.ecosystems.express;

import static dev.corslint.ecosystems.express.ExpressTestSupport.extract;
import static dev.corslint.ecosystems.express.ExpressTestSupport.headers;
import static dev.corslint.ecosystems.express.ExpressTestSupport.only;
import static dev.corslint.ecosystems.express.ExpressTestSupport.policy;
import static dev.corslint.ecosystems.express.ExpressTestSupport.status;
import static org.assertj.core.api.Assertions.assertThat;

import dev.corslint.model.CorsPolicy;
import dev.corslint.model.Environment;
import dev.corslint.model.Extraction;
import dev.corslint.model.LayerOrder;
import dev.corslint.model.Notice;
import dev.corslint.model.OriginMatcher;
import dev.corslint.model.RegexFlavor;
import dev.corslint.model.Request;
import dev.corslint.model.SourceFile;
import dev.corslint.model.Tri;
import dev.corslint.model.Usage;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExpressExtractorTest {

  @TempDir Path dir;

  @Test
  void acceptsSourcesButNotDependenciesBuildOutputBundlesOrTests() {
    ExpressExtractor x = new ExpressExtractor(ExpressExtractor.Options.defaults());
    assertThat(x.accepts(file("src/app.js"), new byte[0])).isTrue();
    assertThat(x.accepts(file("src/app.tsx"), new byte[0])).isTrue();
    assertThat(x.accepts(file("server.mjs"), new byte[0])).isTrue();
    assertThat(x.accepts(file("node_modules/cors/lib/index.js"), new byte[0])).isFalse();
    assertThat(x.accepts(file("dist/server.js"), new byte[0])).isFalse();
    assertThat(x.accepts(file("web/.next/server/app.js"), new byte[0])).isFalse();
    assertThat(x.accepts(file("public/vendor.min.js"), new byte[0])).isFalse();
    assertThat(x.accepts(file("src/types.d.ts"), new byte[0])).isFalse();
    assertThat(x.accepts(file("src/app.test.js"), new byte[0])).isFalse();
    assertThat(x.accepts(file("nginx.conf"), new byte[0])).isFalse();
    ExpressExtractor withBuild = new ExpressExtractor(new ExpressExtractor.Options(java.util.Set.of("node_modules"), 2000, 1_000_000));
    assertThat(withBuild.accepts(file("dist/server.js"), new byte[0])).as("configurable").isTrue();
  }

  private static SourceFile file(String rel) {
    return new SourceFile(Path.of("/x").resolve(rel), rel, 10);
  }

  @Test
  void oneScopePerCorsLayerWithItsPathAndSpan() {
    Extraction x = extract(dir, "server.js", """
        const express = require('express');
        const cors = require('cors');
        const app = express();
        const api = express.Router();
        api.get('/users', (req, res) => res.json([]));
        app.use('/api', cors({ origin: 'https://a.example' }), api);
        app.get('/widgets/:id', cors(), (req, res) => res.json({}));
        app.listen(3000);
        """);
    assertThat(x.policies()).hasSize(2);
    CorsPolicy mount = policy(x, "routes under /api");
    assertThat(mount.scope().span().line()).isEqualTo(6);
    assertThat(mount.samplePath()).isEqualTo("/api/users");
    CorsPolicy route = policy(x, "GET /widgets/:id");
    assertThat(route.samplePath()).isEqualTo("/widgets/1");
    assertThat(route.scope().span().line()).isEqualTo(7);
    // Per-route cors without app.options: Express answers the preflight itself, without CORS headers.
    var pre = route.respond(Request.preflight("/widgets/1", "https://a.example", "PUT", List.of()));
    assertThat(status(pre)).isEqualTo(200);
    assertThat(pre.hasCorsHeaders()).isFalse();
    assertThat(headers(pre)).containsEntry("allow", List.of("GET,HEAD"));
  }

  @Test
  void routesAndRoutersRegisteredBeforeCorsAreALayerOrderProblem() {
    Extraction x = extract(dir, Map.of(
        "app.js", """
            const express = require('express');
            const cors = require('cors');
            const orders = require('./orders');
            const app = express();
            app.get('/health', (req, res) => res.send('ok'));
            app.get('/api/items', (req, res) => res.json([]));
            app.use('/api/orders', orders);
            app.use(cors());
            app.get('/api/other', (req, res) => res.json([]));
            module.exports = app;
            """,
        "orders.js", """
            const router = require('express').Router();
            router.put('/:id', (req, res) => res.json({}));
            module.exports = router;
            """));
    CorsPolicy p = only(x);
    assertThat(p.samplePath()).as("probes go to a route the layer does cover").isEqualTo("/api/other");
    List<LayerOrder> order = p.layerOrder();
    assertThat(order).hasSize(1);
    assertThat(order.get(0).corsLayer().line()).isEqualTo(8);
    assertThat(order.get(0).earlierLayer().line()).isEqualTo(6);
    assertThat(order.get(0).affectsPreflight()).as("the router answers OPTIONS for its own routes").isTrue();
    assertThat(order.get(0).description()).contains("GET /api/items").doesNotContain("health");
    // Express's own answer to the preflight for the router's route, before cors() runs.
    var pre = p.respond(Request.preflight("/api/orders/7", "https://a.example", "PUT", List.of()));
    assertThat(status(pre)).isEqualTo(200);
    assertThat(pre.hasCorsHeaders()).isFalse();
  }

  @Test
  void setupFunctionsThatReceiveTheAppRegisterAtTheirCall() {
    Extraction x = extract(dir, Map.of(
        "app.js", """
            const express = require('express');
            const cors = require('cors');
            const app = express();
            require('./routes')(app);
            function setupCors(server) {
              server.use(cors({ origin: 'https://a.example' }));
            }
            setupCors(app);
            app.get('/later', (req, res) => res.json({}));
            """,
        "routes.js", """
            module.exports = function (app) {
              app.delete('/users/:id', (req, res) => res.sendStatus(204));
            };
            """));
    CorsPolicy p = only(x);
    assertThat(p.scope().span().line()).isEqualTo(6);
    assertThat(p.usages()).extracting(Usage::name).contains("DELETE");
    assertThat(p.layerOrder()).singleElement().satisfies(o -> assertThat(o.description()).contains("DELETE /users/1 at routes.js:2"));
  }

  @Test
  void methodsAndHeaderReadsAreUsagesOfTheScopeThatCoversThem() {
    Extraction x = extract(dir, Map.of(
        "app.js", """
            const express = require('express');
            const cors = require('cors');
            const { auth } = require('./auth');
            const app = express();
            app.use(cors({ origin: ['https://a.example'], allowedHeaders: ['Content-Type'] }));
            app.use(auth);
            app.route('/items/:id')
              .get((req, res) => res.json({ tenant: req.headers['x-tenant'] }))
              .patch((req, res) => res.json({}));
            app.delete('/items/:id', (req, res) => { const { authorization } = req.headers; res.sendStatus(204); });
            module.exports = app;
            """,
        "auth.js", """
            exports.auth = function (req, res, next) {
              if (!req.get('X-Api-Key')) return res.status(401).end();
              next();
            };
            """));
    CorsPolicy p = only(x);
    assertThat(p.usages()).extracting(Usage::kind, Usage::name).contains(
        org.assertj.core.groups.Tuple.tuple(Usage.Kind.METHOD, "PATCH"),
        org.assertj.core.groups.Tuple.tuple(Usage.Kind.METHOD, "DELETE"),
        org.assertj.core.groups.Tuple.tuple(Usage.Kind.REQUEST_HEADER, "x-tenant"),
        org.assertj.core.groups.Tuple.tuple(Usage.Kind.REQUEST_HEADER, "authorization"),
        org.assertj.core.groups.Tuple.tuple(Usage.Kind.REQUEST_HEADER, "X-Api-Key"));
    Usage key = p.usages().stream().filter(u -> u.name().equals("X-Api-Key")).findFirst().orElseThrow();
    assertThat(key.span().file()).isEqualTo("auth.js");
  }

  @Test
  void valuesResolveThroughImportsSpreadsTemplatesAndMutations() {
    Extraction x = extract(dir, Map.of(
        "src/server.ts", """
            import express from 'express';
            import cors from 'cors';
            import { baseOptions, DOMAIN } from './config';
            import * as hosts from './hosts.js';
            const app = express();
            const origins = [`https://app.${DOMAIN}`, ...hosts.extra];
            origins.push('https://late.example');
            if (process.env.NODE_ENV !== 'production') {
              origins.push('http://localhost:3000');
            }
            app.use(cors({ ...baseOptions, origin: origins }));
            """,
        "src/config.ts", """
            export const DOMAIN = 'example.com';
            export const baseOptions = { credentials: true, maxAge: 600 };
            """,
        "src/hosts.ts", """
            export const extra = ['https://admin.example.com'];
            """));
    CorsPolicy p = only(x);
    assertThat(p.allowedOrigins().leaves()).extracting(OriginMatcher::intendedOrigins).containsExactly(
        List.of("https://app.example.com"), List.of("https://admin.example.com"), List.of("https://late.example"));
    assertThat(p.allowedOrigins().leaves().get(0).span().line()).isEqualTo(6);
    assertThat(p.allowedOrigins().leaves().get(1).span().file()).isEqualTo("src/hosts.ts");
    assertThat(p.credentials().is(true)).isTrue();
    assertThat(p.credentials().where().orElseThrow().file()).isEqualTo("src/config.ts");
  }

  @Test
  void environmentValuesAreUnknownWithANotice() {
    Extraction x = extract(dir, "server.js", """
        const express = require('express');
        const cors = require('cors');
        const app = express();
        app.use(cors({ origin: process.env.ALLOWED_ORIGINS.split(',') }));
        """);
    assertThat(only(x).allowedOrigins()).isInstanceOf(OriginMatcher.Opaque.class);
    assertThat(x.notices()).anyMatch(n -> n.message().contains("ALLOWED_ORIGINS") && n.span().line() == 4);
  }

  @Test
  void originFunctionsBecomeTheChecksTheyMake() {
    Extraction x = extract(dir, "server.js", """
        const express = require('express');
        const cors = require('cors');
        const app = express();
        const allowed = ['https://a.example', 'https://b.example'];
        app.use('/one', cors({ origin: (origin, cb) => cb(null, !origin || allowed.includes(origin)) }));
        app.use('/two', cors({ origin(origin, cb) {
          if (allowed.indexOf(origin) === -1) return cb(new Error('blocked'));
          cb(null, true);
        } }));
        app.use('/three', cors({ origin: (origin, cb) => cb(null, origin) }));
        app.use('/four', cors({ origin: (origin, cb) => {
          if (/^https:\\/\\/[a-z]+\\.example\\.com$/.test(origin) || origin.endsWith('.example.org')) return cb(null, true);
          cb(null, false);
        } }));
        app.use('/five', cors({ origin: (o, cb) => cb(null, o && o.startsWith('https://') && o.endsWith('.example.net')) }));
        """);
    assertThat(policy(x, "/one").allowedOrigins().leaves()).allMatch(l -> l instanceof OriginMatcher.Exact).hasSize(2);
    assertThat(policy(x, "/two").allowedOrigins().leaves()).allMatch(l -> l instanceof OriginMatcher.Exact).hasSize(2);
    assertThat(policy(x, "/three").allowedOrigins()).isInstanceOf(OriginMatcher.Reflect.class);
    List<OriginMatcher> four = policy(x, "/four").allowedOrigins().leaves();
    assertThat(four).hasSize(2);
    OriginMatcher.Regex r = (OriginMatcher.Regex) four.get(0);
    assertThat(r.regex().flavor()).isEqualTo(RegexFlavor.JAVASCRIPT);
    assertThat(r.regex().mode()).isEqualTo(RegexFlavor.Mode.SEARCH);
    assertThat(four.get(1)).isInstanceOf(OriginMatcher.StringTest.class);
    OriginMatcher five = policy(x, "/five").allowedOrigins();
    assertThat(five.accepts("https://shop.example.net")).isEqualTo(Tri.YES);
    assertThat(five.accepts("http://shop.example.net")).isEqualTo(Tri.NO);
    assertThat(five.accepts("https://attackerexample.net")).isEqualTo(Tri.NO);
    assertThat(five.accepts("https://anyone.example.net")).isEqualTo(Tri.YES);
  }

  @Test
  void handWrittenHeadersWithTheirOwnOptionsAnswer() {
    Extraction x = extract(dir, "server.js", """
        const express = require('express');
        const app = express();
        const ALLOWED = ['https://a.example'];
        app.use((req, res, next) => {
          const origin = req.headers.origin;
          if (ALLOWED.includes(origin)) {
            res.set({ 'Access-Control-Allow-Origin': origin, 'Access-Control-Allow-Credentials': 'true' });
          }
          if (req.method === 'OPTIONS') {
            res.writeHead(204, { 'Access-Control-Allow-Methods': 'GET,PUT' });
            return res.end();
          }
          next();
        });
        app.put('/things/:id', (req, res) => res.json({}));
        """);
    CorsPolicy p = only(x);
    assertThat(p.allowedOrigins()).isInstanceOf(OriginMatcher.Exact.class);
    assertThat(p.credentials().is(true)).isTrue();
    var pre = p.respond(Request.preflight("/things/1", "https://a.example", "PUT", List.of()));
    assertThat(status(pre)).isEqualTo(204);
    assertThat(headers(pre)).containsEntry("access-control-allow-origin", List.of("https://a.example"))
        .containsEntry("access-control-allow-methods", List.of("GET,PUT")).doesNotContainKey("vary");
    var refused = p.respond(Request.actual("/things/1", "PUT", "https://evil.example"));
    assertThat(refused.has("Access-Control-Allow-Origin")).isFalse();
    assertThat(status(refused)).isEqualTo(200);
  }

  @Test
  void frontEndCallsToTheApiAreUsagesAndRelativeOnesAreNot() {
    Extraction x = extract(dir, Map.of(
        "api/server.js", """
            const express = require('express');
            const cors = require('cors');
            const app = express();
            app.use(cors({ origin: 'https://web.example' }));
            app.get('/v1/items', (req, res) => res.json([]));
            app.put('/v1/items/:id', (req, res) => res.json({}));
            app.listen(3000);
            """,
        "web/src/api.ts", """
            import axios from 'axios';
            const client = axios.create({ baseURL: import.meta.env.VITE_API_URL + '/v1' });
            client.interceptors.request.use((config) => {
              config.headers.Authorization = `Bearer ${localStorage.token}`;
              return config;
            });
            export const save = (id: string, item: object) => client.put(`/items/${id}`, item);
            export const list = () => fetch('https://api.example/v1/items', { headers: { 'X-Trace': '1' }, credentials: 'include' });
            export const local = () => fetch('/v1/items', { method: 'DELETE', headers: { 'X-Local': '1' } });
            """));
    CorsPolicy p = only(x);
    assertThat(p.usages()).filteredOn(u -> u.span().file().startsWith("web/"))
        .extracting(Usage::kind, Usage::name).containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(Usage.Kind.REQUEST_HEADER, "Authorization"),
            org.assertj.core.groups.Tuple.tuple(Usage.Kind.REQUEST_HEADER, "Content-Type"),
            org.assertj.core.groups.Tuple.tuple(Usage.Kind.METHOD, "PUT"),
            org.assertj.core.groups.Tuple.tuple(Usage.Kind.REQUEST_HEADER, "X-Trace"));
    assertThat(p.credentialedCalls()).hasSize(1);
    assertThat(p.credentialedCalls().get(0).line()).isEqualTo(8);
    assertThat(p.scope().tls().is(true)).isTrue();
    assertThat(p.scope().host().get()).contains("api.example");
  }

  @Test
  void aCallGoesToTheNearestApplicationAndNowhereWhenThatIsUnclear() {
    String server = """
        const express = require('express');
        const cors = require('cors');
        const app = express();
        app.use(cors({ origin: 'https://web.example', allowedHeaders: ['Content-Type'] }));
        app.get('/items', (req, res) => res.json([]));
        app.listen(3000);
        """;
    Extraction x = extract(dir, Map.of(
        "shop/api/server.js", server,
        "shop/web/client.js", "export const a = () => fetch('https://api.example/items', { headers: { 'X-Shop': '1' } });\n",
        "blog/api/server.js", server,
        "tools/script.js", "export const b = () => fetch('https://api.example/items', { headers: { 'X-Tool': '1' } });\n"));
    assertThat(policy(x, "shop/api").usages()).extracting(Usage::name).contains("X-Shop").doesNotContain("X-Tool");
    assertThat(policy(x, "blog/api").usages()).extracting(Usage::name).doesNotContain("X-Shop", "X-Tool");
  }

  @Test
  void aPlainHttpApiBaseUrlMarksTheScopeAsServedWithoutTls() {
    Extraction x = extract(dir, Map.of(
        "server.js", """
            const app = require('express')();
            app.use(require('cors')({ origin: 'https://web.example' }));
            app.get('/items', (req, res) => res.json([]));
            """,
        "web/client.js", """
            const BASE = 'http://api.example.com';
            export const items = () => fetch(BASE + '/items');
            """));
    CorsPolicy p = only(x);
    assertThat(p.scope().tls().is(false)).isTrue();
    assertThat(p.scope().tls().where().orElseThrow().file()).isEqualTo("web/client.js");
  }

  @Test
  void nestApplicationsPassTheirOptionsToTheCorsPackage() {
    Extraction x = extract(dir, Map.of(
        "src/main.ts", """
            import { NestFactory } from '@nestjs/core';
            import { AppModule } from './app.module';
            async function bootstrap() {
              const app = await NestFactory.create(AppModule);
              app.enableCors({ origin: ['https://a.example'], credentials: true });
              app.setGlobalPrefix('v2');
              await app.listen(3000);
            }
            bootstrap();
            """,
        "src/cats.controller.ts", """
            import { Controller, Delete, Headers } from '@nestjs/common';
            @Controller('cats')
            export class CatsController {
              @Delete(':id')
              remove(@Headers('x-owner') owner: string) {}
            }
            """));
    CorsPolicy p = only(x);
    assertThat(p.scope().description()).contains("NestJS");
    assertThat(p.samplePath()).isEqualTo("/v2/cats/1");
    assertThat(p.usages()).extracting(Usage::name).contains("DELETE", "x-owner");
    assertThat(p.credentials().is(true)).isTrue();
  }

  @Test
  void developmentOnlyLayersAreDevelopmentScopes() {
    Extraction x = extract(dir, "server.js", """
        const express = require('express');
        const cors = require('cors');
        const app = express();
        if (process.env.NODE_ENV === 'development') {
          app.use(cors({ origin: 'http://localhost:5173' }));
        } else {
          app.use(cors({ origin: 'https://app.example.com' }));
        }
        app.get('/x', (req, res) => res.json({}));
        """);
    assertThat(x.policies()).hasSize(2);
    CorsPolicy dev = x.policies().stream().filter(p -> p.scope().environment() == Environment.DEVELOPMENT).findFirst().orElseThrow();
    assertThat(dev.allowedOrigins().intendedOrigins()).containsExactly("http://localhost:5173");
    CorsPolicy prod = x.policies().stream().filter(p -> p.scope().environment() == Environment.PRODUCTION).findFirst().orElseThrow();
    assertThat(headers(prod.respond(Request.actual("/x", "GET", "https://app.example.com"))))
        .containsEntry("access-control-allow-origin", List.of("https://app.example.com"));
  }

  @Test
  void spansUseUtf16ColumnsAfterNonAsciiText() {
    Extraction x = extract(dir, "server.js", """
        const express = require('express'); const cors = require('cors'); const app = express();
        const nom = 'café 😀'; app.use(cors({ origin: 'https://ä.example' }));
        """);
    CorsPolicy p = only(x);
    var span = p.allowedOrigins().span();
    assertThat(span.line()).isEqualTo(2);
    String line = "const nom = 'café 😀'; app.use(cors({ origin: 'https://ä.example' }));";
    assertThat(span.column()).isEqualTo(line.indexOf("'https://") + 1);
  }

  @Test
  void brokenAndOddFilesBecomeNoticesAndTheRestIsStillRead() {
    String longLine = "var a=" + "1+".repeat(3000) + "1;";
    Extraction x = extract(dir, Map.of(
        "a/broken.js", "const express = require('express'); const app = express(; app.use(require('cors')());\napp.get('/x', (req, res) => res.json({}));\n",
        "b/bundle.js", "const cors = 1;\n" + longLine + "\n",
        "c/App.tsx", """
            import { useEffect } from 'react';
            export function App({ id }: { id: string }) {
              useEffect(() => { fetch(`https://api.example/items/${id}`, { headers: { 'X-App': '1' } }); }, [id]);
              return <div className="app">{id}</div>;
            }
            """,
        "d/server.js", """
            const express = require('express');
            const cors = require('cors');
            const app = express();
            app.use(cors({ origin: 'https://app.example' }));
            app.get('/items/:id', (req, res) => res.json({}));
            """));
    assertThat(x.notices()).extracting(Notice::message).anyMatch(m -> m.startsWith("syntax error"));
    assertThat(x.notices()).anyMatch(n -> n.message().contains("minified") && n.span().file().equals("b/bundle.js"));
    assertThat(x.notices()).anyMatch(n -> n.message().startsWith("corslint has no TSX grammar") && n.span().file().equals("c/App.tsx"));
    CorsPolicy d = policy(x, "d/server.js");
    assertThat(d.usages()).extracting(Usage::name).contains("X-App");
  }
}
