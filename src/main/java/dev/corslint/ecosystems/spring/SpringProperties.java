package dev.corslint.ecosystems.spring;

import dev.corslint.model.Alternative;
import dev.corslint.model.SourceSpan;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The properties one run of an application sees: every document that applies to the active profiles, later
 * and more specific ones winning as Spring Boot orders them. Remembers which keys were read, so that a
 * profile variant is built only when it changes something that matters.
 */
final class SpringProperties {

  private final List<ConfigDocument> applied;
  private final Set<String> read = new LinkedHashSet<>();
  private final boolean inputsSet;
  private final Set<Alternative<String>> defaultsTaken = new LinkedHashSet<>();

  SpringProperties(List<ConfigDocument> documents, Set<String> activeProfiles) {
    this(documents, activeProfiles, false);
  }

  /**
   * @param inputsSet a key no file sets is set at deploy time (environment, command line): a placeholder's
   *     default does not apply and the value is unknown
   */
  SpringProperties(List<ConfigDocument> documents, Set<String> activeProfiles, boolean inputsSet) {
    this.inputsSet = inputsSet;
    List<ConfigDocument> list = new ArrayList<>();
    for (ConfigDocument d : documents) if (d.appliesTo(activeProfiles)) list.add(d);
    list.sort(Comparator.comparingInt(ConfigDocument::precedence));
    this.applied = list;
  }

  boolean inputsSet() {
    return inputsSet;
  }

  /** A placeholder default was used for {@code key}, which no file sets. */
  void tookDefault(String key, String value, SourceSpan at) {
    defaultsTaken.add(new Alternative<>(key, key + " is not set", value, at));
  }

  /** The placeholder defaults the model used, in source order. */
  List<Alternative<String>> defaultsTaken() {
    return defaultsTaken.stream().sorted(Comparator.comparing(Alternative::span, Comparator.nullsLast(Comparator.naturalOrder()))).toList();
  }

  /** Keys (canonical) that the model looked up. */
  Set<String> keysRead() {
    return read;
  }

  /** The single value of {@code key}, or empty. */
  Optional<Entry> scalar(String key) {
    String k = ConfigDocument.canonical(key);
    read.add(k);
    for (int i = applied.size() - 1; i >= 0; i--) {
      Entry e = applied.get(i).properties().get(k);
      if (e != null) return Optional.of(e);
    }
    return Optional.empty();
  }

  /**
   * The values of a list property: the indexed entries of the document that defines them last (Spring does not
   * merge lists across documents), or a single value split at commas.
   */
  Optional<List<Entry>> list(String key) {
    String k = ConfigDocument.canonical(key);
    read.add(k);
    for (int i = applied.size() - 1; i >= 0; i--) {
      Map<String, Entry> props = applied.get(i).properties();
      if (props.containsKey(k + ".[0]")) {
        List<Entry> out = new ArrayList<>();
        for (int n = 0; props.containsKey(k + ".[" + n + "]"); n++) out.add(props.get(k + ".[" + n + "]"));
        return Optional.of(out);
      }
      Entry e = props.get(k);
      if (e != null) return Optional.of(splitCommas(e));
    }
    return Optional.empty();
  }

  /** Whether any applied document sets {@code key} or something below it. */
  boolean hasPrefix(String key) {
    String k = ConfigDocument.canonical(key);
    read.add(k);
    for (ConfigDocument d : applied) {
      for (String p : d.properties().keySet()) if (p.equals(k) || p.startsWith(k + ".")) return true;
    }
    return false;
  }

  /** The next key segments below {@code prefix}, in file order, as written (bracketed map keys unwrapped). */
  List<String> children(String prefix) {
    String k = ConfigDocument.canonical(prefix);
    read.add(k);
    Set<String> out = new LinkedHashSet<>();
    for (ConfigDocument d : applied) {
      for (String p : d.properties().keySet()) {
        if (!p.startsWith(k + ".")) continue;
        String rest = p.substring(k.length() + 1);
        out.add(firstSegment(rest));
      }
    }
    return new ArrayList<>(out);
  }

  /** Every canonical key below {@code prefix} with its value, for reporting and tests. */
  Map<String, Entry> below(String prefix) {
    String k = ConfigDocument.canonical(prefix);
    read.add(k);
    Map<String, Entry> out = new LinkedHashMap<>();
    for (ConfigDocument d : applied) {
      d.properties().forEach((p, e) -> {
        if (p.startsWith(k + ".")) out.put(p, e);
      });
    }
    return out;
  }

  static String firstSegment(String rest) {
    if (rest.startsWith("[")) {
      int close = rest.indexOf(']');
      return close < 0 ? rest : rest.substring(0, close + 1);
    }
    int dot = rest.indexOf('.');
    return dot < 0 ? rest : rest.substring(0, dot);
  }

  /** A comma-separated value as Spring converts it to a list or array. */
  static List<Entry> splitCommas(Entry e) {
    if (e.text().indexOf(',') < 0) return e.text().isBlank() ? List.of() : List.of(e.withText(e.text().strip()));
    List<Entry> out = new ArrayList<>();
    int start = 0;
    String s = e.text();
    for (int i = 0; i <= s.length(); i++) {
      if (i == s.length() || s.charAt(i) == ',') {
        Entry part = CorsSettings.slice(e, start, i);
        if (!part.text().isEmpty()) out.add(part);
        start = i + 1;
      }
    }
    return out;
  }
}
