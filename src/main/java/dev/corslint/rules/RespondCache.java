package dev.corslint.rules;

import dev.corslint.model.CorsPolicy;
import dev.corslint.model.Forwarding;
import dev.corslint.model.HeaderLine;
import dev.corslint.model.LayerOrder;
import dev.corslint.model.Listening;
import dev.corslint.model.OriginMatcher;
import dev.corslint.model.Request;
import dev.corslint.model.Response;
import dev.corslint.model.Scope;
import dev.corslint.model.Tri;
import dev.corslint.model.Usage;
import dev.corslint.model.Value;
import dev.corslint.model.SourceSpan;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A policy whose answers are remembered. A policy is a pure function of the request, and every rule probes
 * the same few requests (a legitimate GET and POST, a preflight, the attacker's origin), so the rules of one
 * scope share one simulation of each.
 */
final class RespondCache implements CorsPolicy {

  private final CorsPolicy policy;
  private final Map<Request, Response> answers = new ConcurrentHashMap<>();

  RespondCache(CorsPolicy policy) {
    this.policy = policy;
  }

  @Override
  public Response respond(Request request) {
    Response cached = answers.get(request);
    if (cached != null) return cached;
    Response r = policy.respond(request);
    answers.put(request, r);
    return r;
  }

  @Override
  public Response respond(Request request, Function<Request, Response> upstream) {
    return policy.respond(request, upstream);
  }

  @Override
  public Optional<Forwarding> forwarding() {
    return policy.forwarding();
  }

  @Override
  public List<Listening> listening() {
    return policy.listening();
  }

  @Override
  public Scope scope() {
    return policy.scope();
  }

  @Override
  public OriginMatcher allowedOrigins() {
    return policy.allowedOrigins();
  }

  @Override
  public Value<Boolean> credentials() {
    return policy.credentials();
  }

  @Override
  public Tri serves(String path) {
    return policy.serves(path);
  }

  @Override
  public String samplePath() {
    return policy.samplePath();
  }

  @Override
  public List<HeaderLine> declaredHeaders() {
    return policy.declaredHeaders();
  }

  @Override
  public List<Usage> usages() {
    return policy.usages();
  }

  @Override
  public List<LayerOrder> layerOrder() {
    return policy.layerOrder();
  }

  @Override
  public List<SourceSpan> credentialedCalls() {
    return policy.credentialedCalls();
  }
}
