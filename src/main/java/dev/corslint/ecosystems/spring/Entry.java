package dev.corslint.ecosystems.spring;

import dev.corslint.model.SourceSpan;

/** One value as written in a source or configuration file, with where it was written. */
record Entry(String text, SourceSpan span) {

  Entry withText(String newText) {
    return new Entry(newText, span);
  }
}
