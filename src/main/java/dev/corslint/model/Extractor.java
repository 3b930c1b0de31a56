package dev.corslint.model;

import java.util.List;

/**
 * Turns one ecosystem's files into policies. Implementations are pure: text in, facts out. They never run
 * scanned code, never read outside the {@link SourceTree}, and never throw for bad input: problems become
 * notices with file and line. Implementations are found with {@link java.util.ServiceLoader}.
 */
public interface Extractor {

  Ecosystem ecosystem();

  /**
   * Cheap decision from the name and the first bytes whether {@code file} belongs to this ecosystem as an
   * entry point. Files reached only through another file (an nginx include) need not be accepted here.
   */
  boolean accepts(SourceFile file, byte[] head);

  /**
   * Whether {@code file} may be an entry point judging by its name alone: when no extractor may take it, the
   * scan does not read its head. Must be true whenever {@link #accepts} could be; the default reads every head.
   */
  default boolean mayAccept(SourceFile file) {
    return true;
  }

  /**
   * Whether {@link #accepts} looks at the head of {@code file}; when it does not, the scan asks it with an empty
   * head and reads nothing, which matters for the thousands of sources a name alone decides. An extractor whose
   * name check is all of {@link #accepts} says so here and needs no {@link #mayAccept} as well.
   */
  default boolean needsHead(SourceFile file) {
    return true;
  }

  /** Extracts every policy from the accepted files. */
  Extraction extract(List<SourceFile> accepted, SourceTree tree);
}
