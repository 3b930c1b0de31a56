package dev.corslint.testing;

import dev.corslint.model.CorsPolicy;
import dev.corslint.model.Ecosystem;
import dev.corslint.model.Environment;
import dev.corslint.model.Extraction;
import dev.corslint.model.Extractor;
import dev.corslint.model.HeaderLine;
import dev.corslint.model.Notice;
import dev.corslint.model.OriginMatcher;
import dev.corslint.model.Request;
import dev.corslint.model.Response;
import dev.corslint.model.Scope;
import dev.corslint.model.SourceFile;
import dev.corslint.model.SourceSpan;
import dev.corslint.model.Value;
import dev.corslint.rules.RuleCatalog;
import dev.corslint.scan.Scanner;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A test double for the extractor SPI, so that the scanner, the CLI and the Maven goal can be tested with
 * real findings from the real rules without any ecosystem's parser. It reads {@code *.stub} files; a line
 * {@code cors: reflect path=/api/} is a scope that echoes every origin with credentials (origin-reflection),
 * {@code cors: * path=/api/public/} one that answers {@code *} (wildcard-origin). Other lines are ignored,
 * so comments such as suppressions can sit between them.
 */
public final class StubCorsExtractor implements Extractor {

  public static final String EXTENSION = ".stub";

  /** A scanner with the bundled rules and only this extractor. */
  public static Scanner scanner() {
    return new Scanner(RuleCatalog.bundled(), List.of(new StubCorsExtractor()));
  }

  @Override
  public Ecosystem ecosystem() {
    return Ecosystem.NGINX;
  }

  @Override
  public boolean accepts(SourceFile file, byte[] head) {
    return file.relative().endsWith(EXTENSION);
  }

  @Override
  public Extraction extract(List<SourceFile> accepted, dev.corslint.model.SourceTree tree) {
    List<CorsPolicy> policies = new ArrayList<>();
    List<Notice> notices = new ArrayList<>();
    for (SourceFile file : accepted) {
      Optional<String> text = tree.read(file, notices);
      if (text.isEmpty()) continue;
      List<String> lines = text.get().lines().toList();
      for (int i = 0; i < lines.size(); i++) {
        String line = lines.get(i);
        int at = line.indexOf("cors: ");
        if (at < 0 || line.stripLeading().startsWith("#")) continue;
        String[] words = line.substring(at + 6).strip().split("\\s+");
        String path = "/";
        for (String w : words) {
          if (w.startsWith("path=")) path = w.substring(5);
        }
        SourceSpan span = new SourceSpan(file.relative(), i + 1, at + 1, i + 1, line.length() + 1);
        policies.add(new StubPolicy(words[0].equals("*"), path, span));
      }
    }
    return new Extraction(policies, notices);
  }

  private record StubPolicy(boolean wildcard, String path, SourceSpan span) implements CorsPolicy {

    @Override
    public Scope scope() {
      return new Scope(Ecosystem.NGINX, "stub " + path + " (line " + span.line() + ")", span, path,
          Environment.PRODUCTION, Value.known(true, span), Value.known("api.example.com", span));
    }

    @Override
    public OriginMatcher allowedOrigins() {
      return wildcard ? new OriginMatcher.Wildcard(span) : new OriginMatcher.Reflect(span);
    }

    @Override
    public Value<Boolean> credentials() {
      return wildcard ? Value.absent() : Value.known(true, span);
    }

    @Override
    public String samplePath() {
      return path;
    }

    @Override
    public Response respond(Request request) {
      List<HeaderLine> headers = new ArrayList<>();
      if (request.origin() != null) {
        headers.add(new HeaderLine("Access-Control-Allow-Origin",
            Value.known(wildcard ? "*" : request.origin(), span)));
        if (!wildcard) {
          headers.add(new HeaderLine("Access-Control-Allow-Credentials", Value.known("true", span)));
          headers.add(new HeaderLine("Vary", Value.known("Origin", span)));
        }
        if (request.isPreflight()) {
          headers.add(new HeaderLine("Access-Control-Allow-Methods", Value.known("GET, POST, PUT, DELETE", span)));
          if (!request.requestHeaders().isEmpty()) {
            headers.add(new HeaderLine("Access-Control-Allow-Headers",
                Value.known(String.join(", ", request.requestHeaders()), span)));
          }
        }
      }
      return new Response(Value.known(request.isPreflight() ? 204 : 200, span), headers);
    }
  }
}
