package dev.corslint.report;

import dev.corslint.rules.Finding;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** How many findings of each level, and in how many files: the summary both text and JSON give. */
record Tally(int errors, int warnings, int notes, int files) {

  static Tally of(List<Finding> findings) {
    int errors = 0;
    int warnings = 0;
    int notes = 0;
    Set<String> files = new HashSet<>();
    for (Finding finding : findings) {
      switch (finding.level()) {
        case ERROR -> errors++;
        case WARNING -> warnings++;
        case NOTE -> notes++;
      }
      files.add(finding.location().file());
    }
    return new Tally(errors, warnings, notes, files.size());
  }

  int problems() {
    return errors + warnings + notes;
  }
}
