package dev.corslint.live.spring;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A minimal HTTP/1.1 client over a raw socket on loopback: every header line is kept as sent, so that two
 * {@code Access-Control-Allow-Origin} lines are seen as two.
 */
final class RawHttp {

  record Field(String name, String value) {}

  record Answer(int status, List<Field> headers) {}

  private RawHttp() {}

  static Answer send(int port, String method, String path, Map<String, String> headers, String body) throws IOException {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
      s.setSoTimeout(10_000);
      StringBuilder req = new StringBuilder(method).append(' ').append(path).append(" HTTP/1.1\r\n");
      req.append("Host: 127.0.0.1:").append(port).append("\r\n");
      req.append("Connection: close\r\n");
      headers.forEach((k, v) -> req.append(k).append(": ").append(v).append("\r\n"));
      byte[] payload = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
      if (body != null) req.append("Content-Length: ").append(payload.length).append("\r\n");
      req.append("\r\n");
      s.getOutputStream().write(req.toString().getBytes(StandardCharsets.ISO_8859_1));
      s.getOutputStream().write(payload);
      s.getOutputStream().flush();
      return parse(s.getInputStream());
    }
  }

  private static Answer parse(InputStream in) throws IOException {
    List<String> lines = new ArrayList<>();
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int prev = -1;
    int b;
    while ((b = in.read()) >= 0) {
      if (b == '\n' && prev == '\r') {
        byte[] bytes = line.toByteArray();
        String text = new String(bytes, 0, Math.max(0, bytes.length - 1), StandardCharsets.ISO_8859_1);
        if (text.isEmpty()) break;
        lines.add(text);
        line.reset();
      } else {
        line.write(b);
      }
      prev = b;
    }
    if (lines.isEmpty()) throw new IOException("no response");
    String[] statusLine = lines.get(0).split(" ", 3);
    int status = Integer.parseInt(statusLine[1]);
    List<Field> fields = new ArrayList<>();
    for (String l : lines.subList(1, lines.size())) {
      int colon = l.indexOf(':');
      if (colon > 0) fields.add(new Field(l.substring(0, colon).strip(), l.substring(colon + 1).strip()));
    }
    return new Answer(status, fields);
  }
}
