package dev.corslint.model;

/**
 * A port an application listens on, as its own code or configuration says: Express {@code app.listen(3000)},
 * Spring {@code server.port}.
 *
 * @param port the port
 * @param fallback whether the port applies only when an environment variable or setting does not replace it
 *     ({@code process.env.PORT || 3000}, Spring's default 8080)
 * @param span where the port is decided, or the application's own declaration for a default
 */
public record Listening(int port, boolean fallback, SourceSpan span) {}
