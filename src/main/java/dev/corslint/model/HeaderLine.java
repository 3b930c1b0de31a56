package dev.corslint.model;

/**
 * One header line of a response. A response may carry the same name twice (two layers both set it), which
 * is exactly what a browser rejects for {@code Access-Control-Allow-Origin}.
 *
 * @param name the header name as configured
 * @param value the value, with the span of the directive or call that set it
 * @param layer which layer sent it (for example {@code nginx} or {@code application}); used to explain
 *     duplicates across layers
 */
public record HeaderLine(String name, Value<String> value, String layer) {

  public HeaderLine(String name, Value<String> value) {
    this(name, value, null);
  }

  public boolean is(String headerName) {
    return name.equalsIgnoreCase(headerName);
  }
}
