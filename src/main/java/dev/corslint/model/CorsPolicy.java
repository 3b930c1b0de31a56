package dev.corslint.model;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The CORS behaviour of one scope, as an executable description: {@link #respond} answers a request the way
 * the real server would, and the declarative parts say how that answer was decided so that security rules
 * can reason about every origin, not only the ones they probe.
 */
public interface CorsPolicy {

  Scope scope();

  /** Which request origins this scope answers with an allowing {@code Access-Control-Allow-Origin}. */
  OriginMatcher allowedOrigins();

  /** Whether {@code Access-Control-Allow-Credentials: true} is sent to allowed origins. */
  Value<Boolean> credentials();

  /** The response the server sends to {@code request}. Never throws. */
  Response respond(Request request);

  /**
   * Whether the server picks this scope for a request to {@code path}, by its own selection rules (nginx
   * location precedence, Express mount paths and registration order, Spring mapping patterns, Django
   * {@code CORS_URLS_REGEX}). Used to explain one request.
   */
  default Tri serves(String path) {
    return Tri.UNKNOWN;
  }

  /** A request path inside this scope, used by rules to build probes. */
  default String samplePath() {
    return "/";
  }

  /**
   * Every CORS header line the configuration of this scope can send on some response path, whether or not a
   * given request reaches it: the intent of the configuration, for rules that must see an OPTIONS branch
   * that a {@code limit_except} makes unreachable.
   */
  default List<HeaderLine> declaredHeaders() {
    return List.of();
  }

  /** Methods and headers the server relies on in this scope. */
  default List<Usage> usages() {
    return List.of();
  }

  /**
   * Front-end calls of the same repository that send credentials to this scope ({@code credentials:
   * 'include'}, axios {@code withCredentials}). The browser then rejects {@code Access-Control-Allow-Origin: *}
   * even when the scope itself never allows credentials.
   */
  default List<SourceSpan> credentialedCalls() {
    return List.of();
  }

  /** CORS layers of this scope that run after a layer that answers first. */
  default List<LayerOrder> layerOrder() {
    return List.of();
  }

  /**
   * This scope as it is in each case the code names for a value it reads at run time (the default when an
   * environment variable is unset), for explaining a request case by case. Every other case is this policy
   * itself, whose answer stays unknown. Rules do not read these: they judge what is known.
   */
  default List<Alternative<CorsPolicy>> alternatives() {
    return List.of();
  }

  /** Where this scope hands requests on (an nginx {@code proxy_pass}), when it does. */
  default Optional<Forwarding> forwarding() {
    return Optional.empty();
  }

  /** The ports the application this scope belongs to listens on, as far as its files say. */
  default List<Listening> listening() {
    return List.of();
  }

  /**
   * The defaults this policy answers with for values the code reads at run time ({@code os.environ.get('X',
   * default)}, a Spring {@code ${key:default}}): the policy is the case where those inputs are unset, so rules
   * judge the defaults as written. Each gives the input, the case in words, the default as written and where.
   */
  default List<Alternative<String>> assumedDefaults() {
    return List.of();
  }

  /**
   * The response when whatever this scope forwards to answers forwarded requests as {@code upstream} does: the
   * upstream's headers pass through this layer's filters and this layer's own headers are added. Scopes that
   * forward nothing, or that do not model what passes through them, answer as {@link #respond} does.
   */
  default Response respond(Request request, Function<Request, Response> upstream) {
    return respond(request);
  }

  /**
   * This scope as a deployment that sets the inputs of {@link #assumedDefaults()} sees it: the values read from
   * them unknown. Only explain reads it, to tell whether a request's answer depends on those inputs.
   */
  default CorsPolicy withInputsSet() {
    return this;
  }
}
