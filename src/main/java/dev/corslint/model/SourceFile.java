package dev.corslint.model;

import java.nio.file.Path;

/**
 * A file below the scan root.
 *
 * @param path absolute, normalized path on disk
 * @param relative the path relative to the scan root with '/' separators, as reports show it
 * @param size bytes on disk
 */
public record SourceFile(Path path, String relative, long size) {

  public String fileName() {
    int slash = relative.lastIndexOf('/');
    return slash < 0 ? relative : relative.substring(slash + 1);
  }
}
