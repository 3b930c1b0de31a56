package dev.corslint.live.browser;

import dev.corslint.explain.ExplainRequest;
import dev.corslint.explain.Explainer;
import dev.corslint.explain.Explanation;
import dev.corslint.model.CorsPolicy;
import dev.corslint.model.SourceSpan;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * What every browser-agreement test shares: the request matrix a page runs, the Explainer's answer for the
 * scopes of the server that answers, and the comparison with Chromium's outcome, counted and tabulated.
 */
final class Agreement {

  private Agreement() {}

  static final String ATTACKER = "https://attacker.example";
  /** The page origin for scopes that name none (a wildcard): the fixtures' usual front end. */
  static final String FRONT_END = "https://app.example.com";
  static final List<String> METHODS = List.of("GET", "PUT", "DELETE");
  static final List<String> HEADER_SETS = List.of("", "Content-Type", "Authorization", "X-Custom-Header");
  /** The Authorization value the page sends; servers that check it are given these credentials. */
  static final String AUTHORIZATION = "Bearer corslint";

  /** GET and PUT with every header set; DELETE bare (with headers it only repeats PUT's answers). */
  static List<Probe> probes(String origin) {
    return probes(origin, AUTHORIZATION);
  }

  /** The same, sending {@code authorization} as the Authorization header's value. */
  static List<Probe> probes(String origin, String authorization) {
    List<Probe> out = new ArrayList<>();
    for (boolean credentials : List.of(false, true)) {
      for (String method : METHODS) {
        for (String headerSet : HEADER_SETS) {
          if (method.equals("DELETE") && !headerSet.isEmpty()) continue;
          out.add(new Probe(origin, method, headerSet, credentials, authorization));
        }
      }
    }
    return out;
  }

  /** One request: what the page does. */
  record Probe(String origin, String method, String headerSet, boolean credentials, String authorization) {

    Map<String, String> headers() {
      return switch (headerSet) {
        case "" -> Map.of();
        case "Content-Type" -> Map.of("Content-Type", "application/json");
        case "Authorization" -> Map.of("Authorization", authorization);
        default -> Map.of(headerSet, "corslint");
      };
    }

    ExplainRequest explainRequest(String url) {
      List<String> names = headerSet.isEmpty() || headerSet.equals("Content-Type") ? List.of() : List.of(headerSet);
      String contentType = headerSet.equals("Content-Type") ? "application/json" : null;
      return new ExplainRequest(url, origin, method, names, contentType, credentials);
    }

    String describe(String url) {
      StringBuilder s = new StringBuilder(method + " " + url + " from " + origin);
      headers().forEach((name, value) -> s.append(" with ").append(name).append(": ").append(value));
      if (credentials) s.append(", credentials: 'include'");
      return s.toString();
    }
  }

  /**
   * What the Explainer said for one request at the server that answers it. {@code throughCase} is the case
   * ({@code X is unset}) whose verdict stands for an unknown one because the server runs in it, else null.
   */
  record ModelAnswer(
      String verdict, String corsError, String consoleMessage, String modelUrl, String scope, String note, String exchanges,
      List<String> otherServers, String throughCase) {

    ModelAnswer(String verdict, String corsError, String consoleMessage, String modelUrl, String scope, String note) {
      this(verdict, corsError, consoleMessage, modelUrl, scope, note, null, List.of(), null);
    }
  }

  /** Up to two origins the policy means to allow (as pages can have them), and an attacker's. */
  static List<String> origins(CorsPolicy policy) {
    Set<String> out = new LinkedHashSet<>();
    try {
      policy.allowedOrigins().intendedOrigins().stream().filter(o -> pageOrigin(o).isPresent()).limit(2).forEach(out::add);
    } catch (RuntimeException e) {
      // a matcher that cannot name its origins still gets the fixed ones
    }
    if (out.isEmpty()) out.add(FRONT_END);
    out.add(ATTACKER);
    return new ArrayList<>(out);
  }

  /** {@code origin} when a page can have exactly that serialized origin (http or https, canonical form). */
  static Optional<String> pageOrigin(String origin) {
    if (origin == null) return Optional.empty();
    try {
      URI u = new URI(origin);
      String scheme = u.getScheme();
      if (scheme == null || !(scheme.equals("http") || scheme.equals("https"))) return Optional.empty();
      String host = u.getHost();
      if (host == null || !host.matches("[a-z0-9.-]+") || host.startsWith(".") || host.endsWith(".")) return Optional.empty();
      if (u.getRawPath() != null && !u.getRawPath().isEmpty()) return Optional.empty();
      if (u.getRawQuery() != null || u.getRawFragment() != null || u.getRawUserInfo() != null) return Optional.empty();
      int port = u.getPort();
      boolean defaultPort = port == -1;
      if (port == (scheme.equals("https") ? 443 : 80)) return Optional.empty(); // not serialized that way
      String serialized = scheme + "://" + host + (defaultPort ? "" : ":" + port);
      return serialized.equals(origin) ? Optional.of(origin) : Optional.empty();
    } catch (Exception e) {
      return Optional.empty();
    }
  }

  /**
   * The Explainer's answer for the scope the real server uses: among the scopes the explanation shows, those
   * {@code answers} accepts (by their span). Several that disagree, or none, are reported as such.
   */
  static ModelAnswer ask(
      Probe probe, String modelUrl, List<CorsPolicy> policies, Predicate<SourceSpan> answers, String server) {
    return ask(probe, modelUrl, policies, answers, server, Set.of());
  }

  /**
   * The same for a server running without the environment variables {@code unset}: an unknown verdict whose
   * cases are all about those variables, and agree, is answered by its cases (they describe that server).
   */
  static ModelAnswer ask(
      Probe probe, String modelUrl, List<CorsPolicy> policies, Predicate<SourceSpan> answers, String server,
      Set<String> unset) {
    Explanation e;
    try {
      e = Explainer.explain(probe.explainRequest(modelUrl), policies);
    } catch (RuntimeException ex) {
      return new ModelAnswer("error", null, null, modelUrl, null, "Explainer.explain threw " + ex);
    }
    List<Explanation.ScopeAnswer> here = new ArrayList<>();
    List<String> elsewhere = new ArrayList<>();
    for (Explanation.ScopeAnswer a : e.scopes()) {
      SourceSpan s = a.span();
      if (s != null && answers.test(s)) here.add(a);
      else elsewhere.add(a.scope() + " (" + a.span() + ")");
    }
    if (here.isEmpty()) {
      List<String> shown = e.scopes().stream().map(a -> a.scope() + " (" + a.span() + ")").toList();
      return new ModelAnswer(
          "no scope", null, null, modelUrl, null,
          "explain shows no scope of " + server + "; it shows " + (shown.isEmpty() ? "none" : shown)
              + (e.notes().isEmpty() ? "" : "; notes: " + e.notes()));
    }
    Explanation.ScopeAnswer first = here.get(0);
    for (Explanation.ScopeAnswer a : here) {
      if (!a.verdict().equals(first.verdict()) || !Objects.equals(a.consoleMessage(), first.consoleMessage())) {
        List<String> all = here.stream().map(x -> x.scope() + ": " + x.verdict()).toList();
        return new ModelAnswer("unknown", null, null, modelUrl, first.scope(), "several scopes of the server, different answers: " + all);
      }
    }
    String note = first.verdict().equals("unknown") ? String.join("; ", first.unknowns()) : null;
    String scope = first.scope() + " (" + first.span() + ")" + (here.size() > 1 ? " and " + (here.size() - 1) + " more" : "");
    Explanation.Case running = first.verdict().equals("unknown") ? runningCase(first.cases(), unset) : null;
    if (running != null) {
      return new ModelAnswer(
          running.verdict(), running.corsError(), running.consoleMessage(), modelUrl, scope, "when " + running.when(),
          exchanges(first), elsewhere, running.when());
    }
    return new ModelAnswer(
        first.verdict(), first.corsError(), first.consoleMessage(), modelUrl, scope, note, exchanges(first), elsewhere, null);
  }

  /**
   * The case that describes a server running without {@code unset}: every case is about variables it runs
   * without, and those with a verdict agree. A case's verdict holds whatever the other inputs are, so with all
   * of them unset as well it still holds. Null when there is none, or the cases tell nothing definite.
   */
  static Explanation.Case runningCase(List<Explanation.Case> cases, Set<String> unset) {
    if (cases == null || cases.isEmpty()) return null;
    Explanation.Case known = null;
    for (Explanation.Case c : cases) {
      // a case about several inputs names them joined: "A and B"
      if (!unset.containsAll(List.of(c.input().split(" and ")))) return null;
      if (c.verdict().equals("unknown")) continue;
      if (known == null) known = c;
      else if (!known.verdict().equals(c.verdict()) || !Objects.equals(known.consoleMessage(), c.consoleMessage())) return null;
    }
    return known;
  }

  /** The responses the explanation shows, one line each: what the model thought nginx answers. */
  static String exchanges(Explanation.ScopeAnswer a) {
    StringBuilder s = new StringBuilder();
    for (Explanation.Exchange x : new Explanation.Exchange[] {a.preflight(), a.actual()}) {
      if (x == null) continue;
      if (s.length() > 0) s.append(" | ");
      s.append(x.requestLine()).append(" -> ").append(x.status() == null ? "?" : x.status());
      for (Explanation.Header h : x.headers()) {
        s.append("; ").append(h.name()).append(": ").append(h.value() == null ? "(unknown)" : h.value());
      }
    }
    return s.toString();
  }

  /** The model's console line for the URL that was actually fetched (its first quoted occurrence). */
  static String substituteUrl(String message, String modelUrl, String fetchedUrl) {
    if (message == null) return null;
    int at = message.indexOf("'" + modelUrl + "'");
    if (at < 0) return message;
    return message.substring(0, at + 1) + fetchedUrl + message.substring(at + 1 + modelUrl.length());
  }

  /** Counts, the full table, and the disagreements. */
  static final class Report {
    final List<String> headers = new ArrayList<>();
    private final List<String> rows = new ArrayList<>();
    final List<String> disagreements = new ArrayList<>();
    final List<String> failures = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final List<String> timings = new ArrayList<>();
    private final Map<String, Integer> unknownReasons = new LinkedHashMap<>();
    private final Map<String, Integer> unsetCases = new LinkedHashMap<>();
    private final Map<String, Integer> chromiumErrors = new LinkedHashMap<>();
    private final Map<String, Integer> otherServers = new LinkedHashMap<>();
    private final String label;
    int fixtures;
    int policies;
    int requests;
    int allowed;
    int blocked;
    int unknown;
    /** Requests whose verdict was unknown, compared through the case the server runs in. */
    int throughUnsetCase;

    /** {@code label} names what was compared in the summary line (an ecosystem), or is null. */
    Report(String label) {
      this.label = label;
    }

    void header(String line) {
      headers.add(line);
    }

    void note(String line) {
      notes.add(line);
    }

    void timing(String line) {
      timings.add(line);
    }

    void failure(String line) {
      failures.add(line);
    }

    /** Compares one request; {@code where} names the fixture, the server and the path for the table. */
    void compare(String where, Probe probe, String fetchedUrl, ModelAnswer model, ChromiumDriver.Outcome outcome) {
      requests++;
      String chromeMessage = outcome.blockingMessage();
      String chromeVerdict = outcome.ok() ? "allowed" : chromeMessage != null ? "blocked" : "failed";
      String request = probe.describe(fetchedUrl);
      String chromeLine =
          chromeVerdict
              + (outcome.ok() ? " (status " + outcome.status() + ")" : "")
              + (outcome.corsError() != null ? " [" + outcome.corsError() + (outcome.failedParameter() == null || outcome.failedParameter().isEmpty() ? "" : " " + outcome.failedParameter()) + "]" : "")
              + (outcome.corsError() == null && outcome.blockedReason() != null ? " [" + outcome.blockedReason() + "]" : "")
              + (chromeMessage != null ? "\n      " + chromeMessage : "")
              + (chromeVerdict.equals("failed") ? "\n      " + outcome.error() + " " + outcome.errorLines() : "");
      String expected = substituteUrl(model.consoleMessage(), model.modelUrl(), fetchedUrl);
      String modelLine =
          model.verdict()
              + (model.corsError() != null ? " [" + model.corsError() + "]" : "")
              + (expected != null ? "\n      " + expected : "")
              + (model.note() != null ? "\n      (" + model.note() + ")" : "");
      if (!model.otherServers().isEmpty()) {
        otherServers.merge(where + ": also shows " + model.otherServers(), 1, Integer::sum);
      }
      if (!outcome.ok() && chromeMessage == null) {
        chromiumErrors.merge(String.valueOf(outcome.errorText()), 1, Integer::sum);
      }

      String problem = null;
      if (model.throughCase() != null) {
        throughUnsetCase++;
        unsetCases.merge(where + ": " + model.throughCase(), 1, Integer::sum);
      }
      if (model.verdict().equals("unknown")) {
        unknown++;
        unknownReasons.merge(String.valueOf(model.note()), 1, Integer::sum);
      } else {
        if (outcome.ok()) allowed++;
        else blocked++;
        if (model.verdict().equals("error") || model.verdict().equals("no scope")) {
          problem = "explain gave no verdict";
        } else if (chromeVerdict.equals("failed")) {
          problem = "Chromium failed without a CORS or mixed-content message";
        } else if (!model.verdict().equals(chromeVerdict)) {
          problem = "verdict differs";
        } else if (chromeVerdict.equals("blocked") && !chromeMessage.equals(expected)) {
          problem = "console message differs";
        } else if (chromeVerdict.equals("blocked") && model.corsError() != null) {
          // CDP names a CORS failure in corsErrorStatus and a mixed-content block in blockedReason
          String chromeError = outcome.corsError() != null ? outcome.corsError() : outcome.blockedReason();
          if (chromeError != null && !chromeError.equals(model.corsError())) problem = "corsError differs";
        }
      }
      String row =
          where + "\n  request:  " + request + "\n    explain:  " + modelLine + "\n    chromium: " + chromeLine
              + (model.scope() != null ? "\n    scope:    " + model.scope() : "")
              + (problem != null && model.exchanges() != null ? "\n    model's responses: " + model.exchanges() : "");
      rows.add((problem == null ? "" : "DISAGREE (" + problem + ") ") + row);
      if (problem != null) disagreements.add(problem + ": " + row);
    }

    /** A request not sent: counted with the unknown verdicts, under {@code reason}. */
    void notCompared(String where, Probe probe, String url, String reason) {
      requests++;
      unknown++;
      unknownReasons.merge(reason, 1, Integer::sum);
      rows.add(where + "\n  request:  " + probe.describe(url) + "\n    not sent: " + reason);
    }

    String summary() {
      return String.format(
          Locale.ROOT,
          "browser agreement%s: %s%d requests, %d allowed, %d blocked, %d unknown, %s%d disagreements",
          label == null ? "" : " (" + label + ")",
          fixtures == 0 && policies == 0 ? "" : fixtures + " fixtures, " + policies + " policies, ",
          requests, allowed, blocked, unknown,
          // counted with the allowed and blocked ones: the server runs in that case
          throughUnsetCase == 0 ? "" : throughUnsetCase + " compared through their unset case, ",
          disagreements.size());
    }

    String render() {
      StringBuilder s = new StringBuilder();
      headers.forEach(h -> s.append(h).append('\n'));
      if (!unknownReasons.isEmpty()) {
        s.append("\nunknown verdicts (not compared):\n");
        unknownReasons.forEach((k, v) -> s.append("  ").append(v).append(" × ").append(k).append('\n'));
      }
      if (!unsetCases.isEmpty()) {
        s.append("\nunknown verdicts compared through the case the server runs in:\n");
        unsetCases.forEach((k, v) -> s.append("  ").append(v).append(" × ").append(k).append('\n'));
      }
      if (!chromiumErrors.isEmpty()) {
        s.append("\nChromium failures without a CORS or mixed-content message, by errorText:\n");
        chromiumErrors.forEach((k, v) -> s.append("  ").append(v).append(" × ").append(k).append('\n'));
      }
      if (!otherServers.isEmpty()) {
        s.append("\nexplanations that also show scopes of servers that do not answer the request (compared: the server's own):\n");
        otherServers.forEach((k, v) -> s.append("  ").append(v).append(" × ").append(k).append('\n'));
      }
      if (!notes.isEmpty()) {
        s.append("\nnotes:\n");
        notes.forEach(n -> s.append("  ").append(n).append('\n'));
      }
      if (!failures.isEmpty()) {
        s.append("\nharness failures:\n");
        failures.forEach(f -> s.append("  ").append(f).append('\n'));
      }
      s.append("\ntime per fixture:\n");
      timings.forEach(t -> s.append("  ").append(t).append('\n'));
      s.append("\nevery request:\n");
      rows.forEach(r -> s.append(r).append('\n'));
      return s.toString();
    }

    String failureText(Path out) {
      StringBuilder s = new StringBuilder(summary()).append('\n');
      if (!failures.isEmpty()) {
        s.append("\nharness failures:\n");
        failures.forEach(f -> s.append("  ").append(f).append('\n'));
      }
      if (!disagreements.isEmpty()) {
        s.append("\ndisagreements between explain and Chromium:\n");
        int shown = 0;
        for (String d : disagreements) {
          if (s.length() > 60_000) break;
          s.append(d).append("\n\n");
          shown++;
        }
        if (shown < disagreements.size()) s.append("... ").append(disagreements.size() - shown).append(" more\n");
      }
      s.append("full table: ").append(out);
      return s.toString();
    }
  }
}
