package dev.corslint.live.django;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A minimal HTTP/1.1 client over a plain socket to 127.0.0.1: it sends exactly the header lines given and
 * returns every response header line as sent, so that two {@code Access-Control-Allow-Origin} lines stay two.
 */
final class RawHttp {

  record Header(String name, String value) {}

  record Answer(int status, List<Header> headers) {
    List<Header> all(String name) {
      return headers.stream().filter(h -> h.name().equalsIgnoreCase(name)).toList();
    }
  }

  private RawHttp() {}

  static Answer send(int port, String method, String path, List<Map.Entry<String, String>> headers) throws IOException {
    StringBuilder req = new StringBuilder();
    req.append(method).append(' ').append(path).append(" HTTP/1.1\r\n");
    req.append("Host: 127.0.0.1:").append(port).append("\r\n");
    req.append("Connection: close\r\n");
    req.append("User-Agent: corslint-live\r\n");
    for (Map.Entry<String, String> h : headers) req.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n");
    if (method.equals("POST") || method.equals("PUT")) req.append("Content-Length: 0\r\n");
    req.append("\r\n");
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
      s.setSoTimeout(15_000);
      OutputStream out = s.getOutputStream();
      out.write(req.toString().getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      return parse(readHead(s.getInputStream()));
    }
  }

  /** Reads up to the blank line that ends the head; the body is not needed. */
  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    int matched = 0;
    byte[] end = {'\r', '\n', '\r', '\n'};
    int b;
    while ((b = in.read()) >= 0) {
      buf.write(b);
      matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
      if (matched == 4 || buf.size() > 256 * 1024) break;
    }
    return buf.toString(StandardCharsets.ISO_8859_1);
  }

  private static Answer parse(String head) throws IOException {
    String[] lines = head.split("\r\n");
    if (lines.length == 0 || !lines[0].startsWith("HTTP/")) throw new IOException("not an HTTP response: " + head);
    int status = Integer.parseInt(lines[0].split(" ")[1]);
    List<Header> headers = new ArrayList<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon > 0) headers.add(new Header(lines[i].substring(0, colon).strip(), lines[i].substring(colon + 1).strip()));
    }
    return new Answer(status, headers);
  }
}
