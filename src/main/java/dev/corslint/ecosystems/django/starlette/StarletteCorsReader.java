package dev.corslint.ecosystems.django.starlette;

import dev.corslint.ecosystems.django.ProjectLayout;
import dev.corslint.ecosystems.django.python.PythonModule;
import dev.corslint.ecosystems.django.python.PythonProgram;
import dev.corslint.model.CorsPolicy;
import dev.corslint.model.Notice;
import dev.corslint.model.Usage;
import java.util.List;
import java.util.function.Function;

public final class StarletteCorsReader {
  public StarletteCorsReader(PythonProgram program, ProjectLayout layout, List<Notice> notices, Function<String, List<Usage>> usages) {}
  public List<CorsPolicy> read(List<PythonModule> entries) { return List.of(); }
}
