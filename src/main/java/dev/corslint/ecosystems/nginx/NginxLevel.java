package dev.corslint.ecosystems.nginx;

import dev.corslint.model.SourceSpan;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One configuration level as nginx merges them: {@code http}, {@code server}, {@code location}, an {@code if}
 * inside a location, or a {@code limit_except} block. Each level keeps only what is written in it; the
 * interpreter walks {@link #parent} to apply each module's own inheritance rule.
 */
final class NginxLevel {

  enum Kind {
    HTTP,
    SERVER,
    LOCATION,
    IF,
    LIMIT_EXCEPT
  }

  /** {@code add_header name value [always]}. */
  record AddHeader(String name, NginxTemplate value, boolean always, Directive directive) {}

  /** One header of a headers-more directive; {@code value} is null for a clear. */
  record MoreHeader(String name, boolean wildcard, NginxTemplate value) {}

  /** {@code more_set_headers} or {@code more_clear_headers} with its {@code -s} and {@code -t} filters. */
  record MoreHeaders(boolean clear, Set<Integer> statuses, List<String> types, List<MoreHeader> headers,
      Directive directive) {}

  /** {@code allow} or {@code deny}. */
  record AccessRule(boolean allow, String address, Directive directive) {}

  /** A content handler: an upstream module ({@code proxy}, {@code fastcgi}...), or code nginx runs. */
  record Handler(String module, boolean upstream, Directive directive) {}

  /** The rewrite-module code of a level, in order. */
  sealed interface Code permits SetCode, IfCode, ReturnCode, RewriteCode, BreakCode {
    Directive directive();
  }

  record SetCode(String variable, NginxTemplate value, Directive directive) implements Code {}

  record IfCode(NginxCondition condition, NginxLevel body, Directive directive) implements Code {}

  /** {@code return}; {@code text} is the body or, for redirects, the URL (may be null). */
  record ReturnCode(int status, NginxTemplate text, Directive directive) implements Code {}

  /** {@code rewrite regex replacement [flag]}; {@code regex} is null when it cannot be compiled. */
  record RewriteCode(NginxRegex regex, NginxTemplate replacement, String flag, boolean redirect,
      boolean keepArgs, Directive directive) implements Code {}

  record BreakCode(Directive directive) implements Code {}

  final Kind kind;
  final NginxLevel parent;
  final Directive directive;

  final List<AddHeader> addHeaders = new ArrayList<>();
  final List<MoreHeaders> moreHeaders = new ArrayList<>();
  /** {@code proxy_hide_header} and its siblings, by module prefix. */
  final Map<String, List<Directive>> hideHeaders = new LinkedHashMap<>();
  List<AccessRule> access;
  Directive authBasic;
  Handler handler;
  final List<Code> codes = new ArrayList<>();
  Directive tryFiles;
  final List<NginxLocation> locations = new ArrayList<>();
  NginxLimitExcept limitExcept;
  /** Lua or njs code in the rewrite or access phase: its effect on the answer is unknown. */
  Directive opaquePhaseCode;
  /** {@code error_page} directives of this level (nginx inherits them only into levels that have none). */
  final List<ErrorPage> errorPages = new ArrayList<>();
  /** {@code proxy_intercept_errors} and its siblings, by module prefix. */
  final Map<String, Directive> interceptErrors = new LinkedHashMap<>();
  /** {@code internal}: only internal redirects may use this location. */
  Directive internal;
  /** {@code gzip}, {@code gzip_vary}, {@code gzip_min_length} of this level (each inherited on its own). */
  Directive gzip;
  Directive gzipVary;
  Directive gzipMinLength;

  /**
   * {@code error_page code ... [=[response]] uri}.
   *
   * @param override null to keep the error status, "" for the target's own status, or a status
   * @param target a URI, a {@code @named} location, or a redirect URL
   */
  record ErrorPage(Set<Integer> codes, String override, NginxTemplate target, Directive directive) {}

  NginxLevel(Kind kind, NginxLevel parent, Directive directive) {
    this.kind = kind;
    this.parent = parent;
    this.directive = directive;
  }

  SourceSpan span() {
    if (directive != null) return directive.span();
    return parent == null ? null : parent.span();
  }

  /** The first {@code add_header} of this level: the line that breaks inheritance. */
  Directive firstAddHeader() {
    return addHeaders.isEmpty() ? null : addHeaders.get(0).directive();
  }

  /** The location this level belongs to (itself, or the location around an if or limit_except). */
  NginxLocation ownerLocation;

  /** A {@code limit_except} block: the methods it allows and the level used for every other method. */
  record NginxLimitExcept(Set<String> methods, NginxLevel level, Directive directive) {

    /** Whether {@code method} may pass (GET implies HEAD, as nginx adds it). */
    boolean allows(String method) {
      return methods.contains(method) || method.equals("HEAD") && methods.contains("GET");
    }
  }
}
