package dev.corslint.ecosystems.express;

import dev.corslint.model.SourceSpan;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a JavaScript expression evaluates to, as far as corslint can tell without running it. Literals keep the
 * span they were written at, so that findings point at the value a user changes. Values that depend on the
 * request are symbolic ({@link RequestPart}, {@link Cond}, {@link Choice}); anything else corslint cannot know
 * is {@link Unknown} with a reason.
 */
sealed interface JsValue {

  SourceSpan span();

  record Str(String value, SourceSpan span) implements JsValue {}

  record Num(double value, SourceSpan span) implements JsValue {
    /** The number as JavaScript's {@code String(n)} prints it, for integers and simple decimals. */
    String asJsString() {
      if (value == Math.rint(value) && !Double.isInfinite(value) && Math.abs(value) < 1e21) return Long.toString((long) value);
      return Double.toString(value);
    }
  }

  record Bool(boolean value, SourceSpan span) implements JsValue {}

  record Null(SourceSpan span) implements JsValue {}

  record Undefined(SourceSpan span) implements JsValue {}

  record RegexLit(String pattern, String flags, SourceSpan span) implements JsValue {}

  record Arr(List<JsValue> items, SourceSpan span) implements JsValue {
    public Arr {
      items = List.copyOf(items);
    }
  }

  /** An object literal; properties in source order. */
  /**
   * An object literal; properties in source order. {@code open} when a spread of an unknown value may have
   * added properties, so that a missing key is unknown rather than absent.
   */
  record Obj(Map<String, JsValue> props, boolean open, SourceSpan span) implements JsValue {
    public Obj {
      props = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(props));
    }

    JsValue get(String key) {
      return props.get(key);
    }
  }

  /** A function written in the scanned code, with the frame it closes over. */
  record Func(JsNode node, Frame closure, SourceSpan span) implements JsValue {}

  /**
   * A value corslint cannot know statically: an environment variable, a function from a package.
   * {@code variable} names the environment variable when the value is exactly {@code process.env.NAME}.
   */
  record Unknown(String reason, String variable, SourceSpan span) implements JsValue {
    Unknown(String reason, SourceSpan span) {
      this(reason, null, span);
    }
  }

  /** An npm package's export, or a member of it ({@code express.Router}, {@code cors}). */
  record PackageRef(String pkg, String member, SourceSpan span) implements JsValue {}

  /** A part of the incoming request, when it is not a concrete value (symbolic analysis). */
  record RequestPart(Part part, SourceSpan span) implements JsValue {
    enum Part {
      /** the request's Origin header */
      ORIGIN,
      /** the request method */
      METHOD,
      /** Access-Control-Request-Headers */
      REQUEST_HEADERS,
      /** Access-Control-Request-Method */
      REQUEST_METHOD,
      /** the whole request object */
      REQUEST,
      /** the response object */
      RESPONSE,
      /** Express's next callback */
      NEXT,
      /** the callback an origin function or options delegate answers through */
      CALLBACK
    }
  }

  /** {@code req.headers}. */
  record RequestHeaders(SourceSpan span) implements JsValue {}

  /** Another request header, read as {@code req.get(name)}; only its presence is ever known. */
  record RequestHeader(String name, SourceSpan span) implements JsValue {}

  /** {@code list.indexOf(origin)} or {@code origin.indexOf(text)}: found when {@code found} holds. */
  record IndexOf(OriginPredicate found, SourceSpan span) implements JsValue {}

  /** {@code process.env.NODE_ENV}. */
  record NodeEnv(SourceSpan span) implements JsValue {}

  /** A boolean that is true exactly in development ({@code developmentWhenTrue}) or exactly in production. */
  record DevFlag(boolean developmentWhenTrue, SourceSpan span) implements JsValue {}

  /** A route made with {@code app.route(path)}. */
  record RouteRef(ExpressStack.Route route, SourceSpan span) implements JsValue {}

  /** A boolean that depends on the request origin. */
  record Cond(OriginPredicate predicate, SourceSpan span) implements JsValue {}

  /** {@code test ? whenTrue : whenFalse}, and {@code a || b}, when the test depends on the request. */
  record Choice(OriginPredicate test, JsValue whenTrue, JsValue whenFalse, SourceSpan span) implements JsValue {}

  /** An Error object ({@code new Error(...)}), with the status Express's error handler would answer. */
  record ErrorValue(int status, boolean statusProperty, SourceSpan span) implements JsValue {
    /** {@code new Error(...)}: no status property; Express answers 500. */
    ErrorValue(int status, SourceSpan span) {
      this(status, false, span);
    }
  }

  /** The middleware {@code cors(...)} returns. */
  record CorsMiddleware(CorsSetup setup, SourceSpan span) implements JsValue {}

  /** An Express application or router. */
  record AppRef(ExpressStack stack, SourceSpan span) implements JsValue {}

  /** A module's namespace object ({@code import * as m}, {@code require('./m')}). */
  record ModuleRef(JsModule module, SourceSpan span) implements JsValue {}

  static boolean isNullish(JsValue v) {
    return v instanceof Null || v instanceof Undefined;
  }
}
