package dev.corslint.ecosystems.django.python;

import dev.corslint.model.CorsPolicy;
import dev.corslint.model.Notice;
import dev.corslint.model.SourceSpan;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Runs one framework's reader over the modules that mention it: a module that breaks the reader becomes a
 * notice and the next module is read; the evaluator's notices are collected module by module.
 */
public final class FrameworkModules {

  private FrameworkModules() {}

  /**
   * @param marker text a module must contain to be read at all (the framework's import or class name)
   * @param framework what the reader reads, for the notice when it fails
   */
  public static List<CorsPolicy> read(List<PythonModule> entries, String marker, String framework, Evaluator evaluator,
      List<Notice> notices, Function<PythonModule, List<CorsPolicy>> reader) {
    List<CorsPolicy> out = new ArrayList<>();
    for (PythonModule m : entries) {
      if (!m.source().contains(marker)) continue;
      try {
        out.addAll(reader.apply(m));
      } catch (RuntimeException | StackOverflowError e) {
        notices.add(Notice.error("internal error while reading " + framework + ": " + e, SourceSpan.file(m.path())));
      }
      notices.addAll(evaluator.notices());
      evaluator.notices().clear();
    }
    return out;
  }
}
