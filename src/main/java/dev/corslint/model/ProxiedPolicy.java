package dev.corslint.model;

import java.util.List;

/**
 * A front scope linked to the application of the same repository that it forwards to: {@link #respond} is
 * what the browser receives through both layers, and {@link #respondInLayers} shows each layer's part.
 */
public interface ProxiedPolicy extends CorsPolicy {

  /** The layer in front, as analysed on its own. */
  CorsPolicy front();

  /** The application behind it: the name it is known by, e.g. {@code Express app in api/server.js}. */
  String application();

  /** Every scope of the application behind it (one application may have several CORS layers). */
  List<Scope> applicationScopes();

  /** The application's scope that answers {@code forwarded}, a request as the front layer passes it on. */
  CorsPolicy applicationFor(Request forwarded);

  /** How the link was made, e.g. {@code proxy_pass http://api:3000 reaches compose service api (api/)}. */
  String link();

  /** The answer of both layers to {@code request}. */
  ProxiedResponse respondInLayers(Request request);

  @Override
  default Response respond(Request request) {
    return respondInLayers(request).combined();
  }
}
