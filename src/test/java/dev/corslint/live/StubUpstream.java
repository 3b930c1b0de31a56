package dev.corslint.live;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The application behind a proxied location, reduced to what the model assumes about it: it answers every
 * request, whatever the method, with the status named in {@code X-Stub-Status} (200 when absent), an empty
 * body and no CORS headers. {@code Request.handlerStatus} in the model is exactly this status.
 */
public final class StubUpstream implements AutoCloseable {

  static final String STATUS_HEADER = "X-Stub-Status";

  private final HttpServer server;
  private final ExecutorService executor;
  private final AtomicInteger requests = new AtomicInteger();

  private StubUpstream(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  public static StubUpstream start() throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    ExecutorService executor =
        Executors.newFixedThreadPool(
            4,
            r -> {
              Thread t = new Thread(r, "stub-upstream");
              t.setDaemon(true);
              return t;
            });
    StubUpstream stub = new StubUpstream(server, executor);
    server.createContext("/", stub::handle);
    server.setExecutor(executor);
    server.start();
    return stub;
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** How many requests reached the stub; lets tests tell a proxied answer from one nginx made itself. */
  int requestCount() {
    return requests.get();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      requests.incrementAndGet();
      try (InputStream body = exchange.getRequestBody()) {
        body.transferTo(java.io.OutputStream.nullOutputStream());
      }
      int status = 200;
      String asked = exchange.getRequestHeaders().getFirst(STATUS_HEADER);
      if (asked != null) {
        try {
          status = Integer.parseInt(asked.trim());
        } catch (NumberFormatException e) {
          status = 400;
        }
      }
      // -1: no body at all, which also suits 204 and 304
      exchange.sendResponseHeaders(status, -1);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
