package dev.corslint.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corslint.model.CorsPolicy;
import dev.corslint.model.Notice;
import dev.corslint.model.ProxiedPolicy;
import dev.corslint.model.Request;
import dev.corslint.model.Response;
import dev.corslint.scan.FileSelection;
import dev.corslint.scan.RepositoryModel;
import dev.corslint.scan.Scanner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Proxies joined to the applications of the same repository, and left alone where the link is not certain. */
class ProxyLinksTest {

  private static final String SHOP = "https://shop.example-shop.com";

  @TempDir Path root;

  private static RepositoryModel read(Path dir) {
    return new Scanner().read(List.of(dir), null, FileSelection.all());
  }

  private void write(String relative, String text) throws IOException {
    Path p = root.resolve(relative);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
  }

  private static List<ProxiedPolicy> proxied(RepositoryModel m) {
    return m.policies().stream().filter(p -> p instanceof ProxiedPolicy).map(p -> (ProxiedPolicy) p).toList();
  }

  private static List<String> notes(RepositoryModel m) {
    return m.notices().stream().map(Notice::message).filter(s -> s.contains("proxy_pass")).toList();
  }

  @Test
  void composeServiceLeadsToTheExpressApplicationItBuilds() {
    RepositoryModel m = read(Path.of("test-fixtures/layers/compose-express"));
    List<ProxiedPolicy> linked = proxied(m);
    assertThat(linked).extracting(p -> p.scope().description()).containsExactly(
        "server api.example-shop.com location /orders/", "server api.example-shop.com location /catalog/");
    ProxiedPolicy orders = linked.get(0);
    assertThat(orders.application()).isEqualTo("Express application in api/");
    assertThat(orders.link()).isEqualTo("proxy_pass http://orders_backend reaches compose service api (api/)");
    assertThat(orders.applicationScopes()).extracting(s -> s.span().file()).containsOnly("api/server.js");

    var layered = orders.respondInLayers(Request.actual("/orders/42", "GET", SHOP));
    assertThat(layered.forwarded().path()).isEqualTo("/orders/42");
    assertThat(layered.application().all("Access-Control-Allow-Origin")).hasSize(1);
    Response combined = layered.combined();
    assertThat(combined.all("Access-Control-Allow-Origin")).extracting(h -> h.layer() + " " + h.value().where().orElseThrow().file())
        .containsExactly("Express api/server.js", "nginx nginx/nginx.conf");
    assertThat(combined.value("Vary")).contains("Origin");
    assertThat(notes(m)).isEmpty();
  }

  @Test
  void composeEnvironmentPortReplacesTheApplicationsFallback() throws IOException {
    write("docker-compose.yml", """
        services:
          proxy:
            image: nginx
          backend:
            build:
              context: ./backend
            environment:
              - PORT=8081
        """);
    write("deploy/nginx.conf", """
        server {
          listen 80;
          location /a/ { proxy_pass http://backend:8081; }
          location /b/ { proxy_pass http://backend:3000; }
        }
        """);
    write("backend/index.js", """
        const express = require('express');
        const cors = require('cors');
        const app = express();
        app.use(cors());
        app.listen(process.env.PORT || 3000);
        """);
    RepositoryModel m = read(root);
    assertThat(proxied(m)).extracting(p -> p.scope().description()).containsExactly("server :80 location /a/");
    assertThat(notes(m)).singleElement().asString()
        .contains("proxy_pass http://backend:3000 forwards to compose service backend")
        .contains("no application under backend/ is known to listen on port 3000");
  }

  @Test
  void loopbackLinksOnlyToTheOneApplicationOnThatPort() throws IOException {
    write("nginx/site.conf", """
        server {
          listen 80;
          location /one/ { proxy_pass http://127.0.0.1:4000; }
          location /two/ { proxy_pass http://localhost:5000/; }
          location /ext/ { proxy_pass https://payments.example.net; }
        }
        """);
    String app = """
        const express = require('express');
        const cors = require('cors');
        const app = express();
        app.use(cors({ origin: 'https://%s.example.com' }));
        app.listen(%d);
        """;
    write("one/server.js", app.formatted("one", 4000));
    write("two/server.js", app.formatted("two", 5000));
    write("three/server.js", app.formatted("three", 5000));
    RepositoryModel m = read(root);
    assertThat(proxied(m)).singleElement().satisfies(p -> {
      assertThat(p.scope().description()).isEqualTo("server :80 location /one/");
      assertThat(p.application()).isEqualTo("Express application in one/");
      assertThat(p.respond(Request.actual("/one/x", "GET", "https://one.example.com")).value("Access-Control-Allow-Origin"))
          .contains("https://one.example.com");
    });
    assertThat(notes(m)).singleElement().asString()
        .contains("proxy_pass http://localhost:5000/ may reach any of Express application in three/, Express application in two/");
  }

  @Test
  void aDjangoProjectIsReachedOnThePortItsComposeCommandBinds() throws IOException {
    write("compose.yaml", """
        services:
          web:
            image: nginx:1.22
          backend:
            build: ./backend
            command: ["gunicorn", "shop.wsgi", "--bind", "0.0.0.0:8000"]
        """);
    write("nginx/default.conf", """
        server {
          listen 80;
          location /api/ {
            add_header Access-Control-Allow-Origin https://app.example.com always;
            proxy_pass http://backend:8000;
          }
          location /admin/ { proxy_pass http://backend:9000; }
        }
        """);
    write("backend/manage.py", "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'shop.settings')\n");
    write("backend/shop/__init__.py", "");
    write("backend/shop/settings.py", """
        INSTALLED_APPS = ["django.contrib.contenttypes", "corsheaders"]
        MIDDLEWARE = [
            "corsheaders.middleware.CorsMiddleware",
            "django.middleware.common.CommonMiddleware",
        ]
        CORS_ALLOWED_ORIGINS = ["https://app.example.com"]
        """);
    RepositoryModel m = read(root);
    assertThat(proxied(m)).singleElement().satisfies(p -> {
      assertThat(p.scope().description()).isEqualTo("server :80 location /api/");
      assertThat(p.application()).isEqualTo("Python application in backend/shop/");
      Response r = p.respond(Request.actual("/api/orders", "GET", "https://app.example.com"));
      assertThat(r.all("Access-Control-Allow-Origin")).extracting(h -> h.layer())
          .containsExactly("Python", "nginx");
    });
    assertThat(notes(m)).singleElement().asString().contains("proxy_pass http://backend:9000");
  }

  @Test
  void composeFilesNameOnlyTheServicesOfTheirOwnProject() throws IOException {
    write("shop/compose.yaml", "services:\n  api:\n    build: ./api\n");
    write("shop/api/server.js", "const app = require('express')();\napp.use(require('cors')());\napp.listen(3000);\n");
    write("blog/nginx.conf", "server {\n  listen 80;\n  location / { proxy_pass http://api:3000; }\n}\n");
    RepositoryModel m = read(root);
    assertThat(proxied(m)).isEmpty();
    assertThat(notes(m)).isEmpty();
  }

  @Test
  void composeReadingSurvivesBadAndHostileYaml() {
    List<Notice> notices = new ArrayList<>();
    assertThat(ComposeFiles.services("compose.yaml", "services: [unclosed", notices)).isEmpty();
    assertThat(notices).singleElement().satisfies(n -> {
      assertThat(n.message()).startsWith("cannot parse this compose file");
      assertThat(n.span().file()).isEqualTo("compose.yaml");
    });
    StringBuilder bomb = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x]\n");
    for (int i = 0; i < 60; i++) bomb.append("b").append(i).append(": &b").append(i).append(" [*a, *a, *a]\n");
    notices.clear();
    assertThat(ComposeFiles.services("compose.yaml", bomb.toString(), notices)).isEmpty();
    assertThat(notices).singleElement().extracting(Notice::message).asString().contains("aliases");

    List<ComposeService> services = ComposeFiles.services("deploy/compose.yml", """
        services:
          api:
            build: ../services/api
            ports: ["8080:3000", "127.0.0.1:9229:9229/tcp", {target: 4000, published: 80}]
            expose: [5000]
            environment: {PORT: "3000"}
          out:
            build: ../../elsewhere
          db:
            image: postgres
        """, notices);
    assertThat(services).hasSize(3);
    ComposeService api = services.get(0);
    assertThat(api.buildDirectory()).isEqualTo("services/api");
    assertThat(api.containerPorts()).containsExactly(3000, 9229, 4000, 5000);
    assertThat(api.environmentPort()).isEqualTo(3000);
    assertThat(api.projectDirectory()).isEqualTo("deploy");
    assertThat(services.get(1).buildDirectory()).isNull();
    assertThat(services.get(2).buildDirectory()).isNull();
  }

  @Test
  void applicationsGroupEveryScopeOfOneApplication() {
    List<CorsPolicy> policies = read(Path.of("test-fixtures/layers/compose-express")).policies();
    assertThat(ProxyLinks.applications(policies)).singleElement().satisfies(a -> {
      assertThat(a.directory()).isEqualTo("api");
      assertThat(a.ports()).containsExactly(3000);
      assertThat(a.fallbackOnly()).isTrue();
    });
  }
}
