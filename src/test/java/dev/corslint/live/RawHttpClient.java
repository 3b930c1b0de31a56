package dev.corslint.live;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * HTTP/1.1 over a plain socket, so that requests carry exactly the headers a browser sends and responses
 * come back line by line, duplicates and order kept ({@code java.net.http} refuses some request headers
 * and folds repeated response headers). Every step has a timeout.
 */
final class RawHttpClient {

  /** One header line as sent or received. */
  record HeaderField(String name, String value) {
    boolean is(String other) {
      return name.equalsIgnoreCase(other);
    }

    @Override
    public String toString() {
      return name + ": " + value;
    }
  }

  /** A response: status and header lines in the order received. The body is not read. */
  record RawResponse(int status, String statusLine, List<HeaderField> headers) {
    List<String> values(String name) {
      return headers.stream().filter(h -> h.is(name)).map(HeaderField::value).toList();
    }
  }

  private static final int MAX_HEAD_BYTES = 64 * 1024;

  private final Duration timeout;

  RawHttpClient(Duration timeout) {
    this.timeout = timeout;
  }

  /**
   * Sends {@code method path} to loopback {@code port} with {@code Host: host} first, then {@code headers}
   * as given, then {@code Connection: close}; methods that normally carry a body get {@code Content-Length: 0}.
   */
  RawResponse send(int port, String host, String method, String path, List<HeaderField> headers)
      throws IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), (int) timeout.toMillis());
      socket.setSoTimeout((int) timeout.toMillis());
      StringBuilder head = new StringBuilder();
      head.append(method).append(' ').append(path).append(" HTTP/1.1\r\n");
      head.append("Host: ").append(host).append("\r\n");
      for (HeaderField h : headers) head.append(h.name()).append(": ").append(h.value()).append("\r\n");
      if (List.of("POST", "PUT", "PATCH").contains(method.toUpperCase(Locale.ROOT))) {
        head.append("Content-Length: 0\r\n");
      }
      head.append("Connection: close\r\n\r\n");
      OutputStream out = socket.getOutputStream();
      out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      return readHead(new BufferedInputStream(socket.getInputStream()), deadline);
    }
  }

  private static RawResponse readHead(InputStream in, long deadline) throws IOException {
    String statusLine = readLine(in, deadline);
    if (statusLine == null) throw new IOException("connection closed before a status line");
    String[] parts = statusLine.split(" ", 3);
    if (parts.length < 2 || !parts[0].startsWith("HTTP/")) throw new IOException("bad status line: " + statusLine);
    int status;
    try {
      status = Integer.parseInt(parts[1]);
    } catch (NumberFormatException e) {
      throw new IOException("bad status line: " + statusLine);
    }
    List<HeaderField> headers = new ArrayList<>();
    int total = statusLine.length();
    while (true) {
      String line = readLine(in, deadline);
      if (line == null) throw new IOException("connection closed inside the response head");
      if (line.isEmpty()) break;
      total += line.length();
      if (total > MAX_HEAD_BYTES) throw new IOException("response head larger than " + MAX_HEAD_BYTES + " bytes");
      int colon = line.indexOf(':');
      if (colon <= 0) throw new IOException("bad header line: " + line);
      // optional whitespace around the value is not part of it (RFC 9110, 5.5)
      headers.add(new HeaderField(line.substring(0, colon), line.substring(colon + 1).strip()));
    }
    return new RawResponse(status, statusLine, List.copyOf(headers));
  }

  /** One line without its CRLF (or bare LF); null at end of stream before any byte. */
  private static String readLine(InputStream in, long deadline) throws IOException {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    while (true) {
      if (System.nanoTime() > deadline) throw new SocketTimeoutException("response took longer than the timeout");
      int b = in.read();
      if (b < 0) return buf.size() == 0 ? null : buf.toString(StandardCharsets.ISO_8859_1);
      if (b == '\n') {
        byte[] bytes = buf.toByteArray();
        int n = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        return new String(bytes, 0, n, StandardCharsets.ISO_8859_1);
      }
      buf.write(b);
      if (buf.size() > MAX_HEAD_BYTES) throw new IOException("header line too long");
    }
  }
}
