package dev.corslint.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.corslint.live.RawHttpClient.HeaderField;
import dev.corslint.live.RawHttpClient.RawResponse;
import java.io.IOException;
import java.net.ConnectException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The harness on its own, with no model involved: small configurations whose answers are known from nginx's
 * documentation, so that a mismatch in {@link NginxLiveTest} can be trusted to be the model's.
 */
@Tag("live")
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class LiveNginxHarnessTest {

  private static StubUpstream stub;
  private final RawHttpClient client = new RawHttpClient(Duration.ofSeconds(5));

  @BeforeAll
  static void startStub() throws IOException {
    stub = StubUpstream.start();
  }

  @AfterAll
  static void stopStub() {
    if (stub != null) stub.close();
  }

  @Test
  void serverOnlyFileIsWrappedAndAnswersWithItsHeadersInOrder(@TempDir Path dir) throws Exception {
    NginxInstallation nginx = NginxInstallation.requireOrSkip();
    Files.writeString(
        dir.resolve("site.conf"),
        """
        # two servers on one port: selection by Host must survive the rewrite
        server {
            listen 80 default_server;
            server_name other.test;
            return 418;
        }
        server {
            listen 80;
            listen [::]:80;
            server_name harness.test;
            location / {
                add_header X-Live "one" always;
                add_header X-Live "two" always;
                add_header Access-Control-Allow-Origin https://a.example;
                proxy_pass http://app.internal:9000/base/;
            }
            location = /made-here {
                add_header Vary Origin;
                return 204;
            }
        }
        """);
    try (LiveNginx live = LiveNginx.start(nginx, dir, "site.conf", stub.port())) {
      assertThat(live.servers()).hasSize(2);
      LoopbackRewrite.Server harness = live.servers().get(1);
      assertThat(harness.names()).containsExactly("harness.test");
      assertThat(harness.listens()).extracting(LoopbackRewrite.Listen::original).containsExactly("80", "[::]:80");
      assertThat(harness.listens().get(0).port()).isEqualTo(harness.listens().get(1).port());
      assertThat(live.servers().get(0).port()).isEqualTo(harness.port());

      int before = stub.requestCount();
      RawResponse ok = get(harness, "/x", List.of(new HeaderField("Origin", "https://a.example")));
      assertThat(ok.status()).isEqualTo(200);
      assertThat(ok.values("X-Live")).containsExactly("one", "two");
      assertThat(ok.values("Access-Control-Allow-Origin")).containsExactly("https://a.example");
      assertThat(stub.requestCount()).isEqualTo(before + 1);

      // without "always" the header is only added to 2xx and 3xx answers; the status is the upstream's
      RawResponse error = get(harness, "/x", List.of(new HeaderField(StubUpstream.STATUS_HEADER, "500")));
      assertThat(error.status()).isEqualTo(500);
      assertThat(error.values("X-Live")).containsExactly("one", "two");
      assertThat(error.values("Access-Control-Allow-Origin")).isEmpty();

      RawResponse local = get(harness, "/made-here", List.of());
      assertThat(local.status()).isEqualTo(204);
      assertThat(local.values("Vary")).containsExactly("Origin");
      assertThat(local.values("X-Live")).isEmpty();
      assertThat(stub.requestCount()).isEqualTo(before + 2);

      assertThat(client.send(harness.port(), "other.test", "GET", "/", List.of()).status()).isEqualTo(418);
      assertThat(client.send(harness.port(), "unknown.test", "GET", "/", List.of()).status()).isEqualTo(418);
    }
  }

  @Test
  void fullConfigurationWithIncludesTlsAndStockFilesRuns(@TempDir Path dir) throws Exception {
    NginxInstallation nginx = NginxInstallation.requireOrSkip();
    Files.createDirectories(dir.resolve("conf.d"));
    Files.writeString(
        dir.resolve("nginx.conf"),
        """
        user www-data;
        worker_processes auto;
        pid /run/nginx.pid;
        include /etc/nginx/modules-enabled/*.conf;
        events { worker_connections 512; }
        http {
            access_log /var/log/nginx/access.log;
            error_log /var/log/nginx/error.log;
            include conf.d/*.conf;
        }
        """);
    Files.writeString(
        dir.resolve("conf.d/api.conf"),
        """
        upstream api { server api-1:8080; server api-2:8080 backup; }
        server {
            listen 443 ssl http2;
            server_name api.test;
            ssl_certificate /etc/ssl/does-not-exist.pem;
            ssl_certificate_key /etc/ssl/does-not-exist.key;
            location /v1/ {
                include proxy_params;
                add_header Access-Control-Allow-Origin "${http_origin}" always;
                proxy_pass http://api;
            }
        }
        """);
    try (LiveNginx live = LiveNginx.start(nginx, dir, "nginx.conf", stub.port())) {
      LoopbackRewrite.Server api = live.servers().get(0);
      assertThat(api.file()).isEqualTo("conf.d/api.conf");
      assertThat(api.line()).isEqualTo(2);
      assertThat(api.endLine()).isEqualTo(12);
      assertThat(api.listens()).extracting(LoopbackRewrite.Listen::original).containsExactly("443 ssl http2");
      RawResponse r =
          get(
              api,
              "/v1/items",
              List.of(new HeaderField("Origin", "https://x.example"), new HeaderField(StubUpstream.STATUS_HEADER, "401")));
      assertThat(r.status()).isEqualTo(401);
      assertThat(r.values("Access-Control-Allow-Origin")).containsExactly("https://x.example");
      assertThat(live.config().config()).doesNotContain("/run/nginx.pid", "/var/log", "ssl", "user ");
    }
  }

  @Test
  void headersMoreIsLoadedWhenUsed(@TempDir Path dir) throws Exception {
    NginxInstallation nginx = NginxInstallation.requireOrSkip();
    org.junit.jupiter.api.Assumptions.assumeTrue(
        nginx.headersMoreModule().isPresent() || NginxInstallation.liveRequired(), "headers-more not installed");
    Files.writeString(
        dir.resolve("more.conf"),
        """
        server {
            listen 8081;
            server_name more.test;
            location / {
                more_set_headers "Access-Control-Allow-Origin: *";
                proxy_pass http://127.0.0.1:1;
            }
        }
        """);
    try (LiveNginx live = LiveNginx.start(nginx, dir, "more.conf", stub.port())) {
      assertThat(live.config().usesHeadersMore()).isTrue();
      RawResponse r = get(live.servers().get(0), "/", List.of(new HeaderField(StubUpstream.STATUS_HEADER, "500")));
      assertThat(r.status()).isEqualTo(500);
      assertThat(r.values("Access-Control-Allow-Origin")).containsExactly("*");
    }
  }

  @Test
  void rejectedConfigurationFailsWithNginxsMessage(@TempDir Path dir) throws Exception {
    NginxInstallation nginx = NginxInstallation.requireOrSkip();
    Files.writeString(dir.resolve("bad.conf"), "server {\n    listen 80;\n    add_header OnlyOneArgument;\n}\n");
    assertThatThrownBy(() -> LiveNginx.start(nginx, dir, "bad.conf", stub.port()))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("invalid number of arguments in \"add_header\"");
  }

  @Test
  void closeStopsMasterAndWorkers(@TempDir Path dir) throws Exception {
    NginxInstallation nginx = NginxInstallation.requireOrSkip();
    Files.writeString(dir.resolve("s.conf"), "server { listen 80; return 204; }\n");
    LiveNginx live = LiveNginx.start(nginx, dir, "s.conf", stub.port());
    Path prefix = live.prefix();
    int port = live.servers().get(0).port();
    List<ProcessHandle> processes = live.processes();
    assertThat(processes).hasSizeGreaterThanOrEqualTo(2); // master and at least one worker
    live.close();
    for (ProcessHandle p : processes) assertThat(p.isAlive()).as("pid %d", p.pid()).isFalse();
    assertThatThrownBy(() -> client.send(port, "x", "GET", "/", List.of())).isInstanceOf(ConnectException.class);
    assertThat(prefix).doesNotExist();
  }

  private RawResponse get(LoopbackRewrite.Server server, String path, List<HeaderField> headers) throws IOException {
    return client.send(server.port(), server.requestHost(), "GET", path, headers);
  }
}
