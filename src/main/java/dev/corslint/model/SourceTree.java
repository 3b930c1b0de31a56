package dev.corslint.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Read access to the scan root, and nothing outside it. Ecosystems read every file through it so that the
 * scan never escapes the root, never follows a link out of it and never reads a huge or binary file.
 */
public interface SourceTree {

  /** Every regular file below the root that the scan includes, in a stable order. */
  List<SourceFile> files();

  /**
   * The file at {@code relative} (resolved against the root; '..' allowed while it stays inside), or empty
   * with a notice when it is outside the root, missing, too large or binary.
   */
  Optional<SourceFile> resolve(String relative, SourceSpan requestedAt, List<Notice> notices);

  /**
   * The text of {@code file} decoded as UTF-8 (malformed bytes replaced), or empty with a notice when it
   * cannot be read, is larger than the limit or is binary.
   */
  Optional<String> read(SourceFile file, List<Notice> notices);

  /**
   * The text of {@code file} when it contains one of {@code words}, else empty; notices as {@link #read}. A
   * tree may test the raw bytes and decode only the files that match.
   */
  default Optional<String> readIfContains(SourceFile file, Keywords words, List<Notice> notices) {
    return read(file, notices).filter(words::foundIn);
  }

  /**
   * The texts of those of {@code files} that contain one of {@code words}, in the order of {@code files}, with
   * their notices in that order too: the filter a reader runs over thousands of candidates. A tree may read
   * them on several threads.
   */
  default Map<SourceFile, String> textsContaining(List<SourceFile> files, Keywords words, List<Notice> notices) {
    Map<SourceFile, String> out = new LinkedHashMap<>();
    for (SourceFile f : files) readIfContains(f, words, notices).ifPresent(t -> out.put(f, t));
    return out;
  }

  /** Glob match of {@code pattern} (relative to the root, nginx/shell glob syntax) against the tree. */
  List<SourceFile> glob(String pattern);
}
