package dev.corslint.model;

/**
 * A CORS layer that runs after another layer that can answer first, so some requests never reach it:
 * Express {@code app.use(cors())} registered after the routes, Django {@code CorsMiddleware} below
 * {@code CommonMiddleware}, a Spring Security chain that authenticates before CORS.
 *
 * @param corsLayer the CORS layer that runs too late, or where it should be when it is missing
 * @param earlierLayer the layer that answers first
 * @param description what answers first and what the browser gets, e.g. {@code the router at line 12 answers
 *     GET /api/users before cors() runs}
 * @param affectsPreflight whether preflights are among the requests that never reach the CORS layer
 */
public record LayerOrder(SourceSpan corsLayer, SourceSpan earlierLayer, String description, boolean affectsPreflight) {}
