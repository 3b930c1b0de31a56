package dev.corslint.ecosystems.express;

import dev.corslint.model.SourceSpan;
import java.util.List;

/** Something a handler does to the response or to the request's flow, in the order it does it. */
sealed interface Effect {

  SourceSpan span();

  /** How a header is written. */
  enum HeaderMode {
    /** {@code res.setHeader}: replaces; an array value becomes several lines; undefined throws */
    NODE_SET,
    /** {@code res.set}/{@code res.header}: replaces, converting the value with {@code String()} */
    EXPRESS_SET,
    /** {@code res.append}: adds lines */
    APPEND,
    /** {@code res.vary}, {@code vary(res, ...)}: adds the field to the one Vary line */
    VARY,
    /** {@code res.removeHeader} */
    REMOVE
  }

  record Header(String name, JsValue value, HeaderMode mode, SourceSpan span) implements Effect {}

  /** {@code res.status(n)}, {@code res.statusCode = n}. */
  record Status(JsValue code, SourceSpan span) implements Effect {}

  /** The response is sent ({@code res.end}, {@code send}, {@code json}, {@code sendStatus}, ...). */
  record End(SourceSpan span) implements Effect {}

  /** {@code next()}, or {@code next(err)} when {@code error} is not null. */
  record Next(JsValue error, SourceSpan span) implements Effect {}

  /** A call of the callback an origin function or options delegate answers through. */
  record Callback(List<JsValue> args, SourceSpan span) implements Effect {}
}
