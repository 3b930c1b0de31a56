package dev.corslint.ecosystems.express;

import dev.corslint.model.SourceSpan;

/**
 * A call of the {@code cors} package: {@code cors()}, {@code cors(options)} or {@code cors(delegate)}.
 *
 * @param argument the options object, the delegate function, or whatever was passed
 * @param defaults whether it was called without arguments
 * @param span the call, which findings point at when the package's defaults apply
 * @param call the call node
 */
record CorsSetup(JsValue argument, boolean defaults, SourceSpan span, JsNode call) {}
