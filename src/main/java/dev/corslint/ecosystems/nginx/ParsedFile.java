package dev.corslint.ecosystems.nginx;

import dev.corslint.model.Notice;
import java.util.List;

/**
 * The directives read from one file, and the syntax problems met while reading it.
 *
 * @param file path relative to the scan root
 * @param directives top-level directives, includes not yet expanded
 * @param notices syntax errors and skipped regions
 */
public record ParsedFile(String file, List<Directive> directives, List<Notice> notices) {

  public ParsedFile {
    directives = List.copyOf(directives);
    notices = List.copyOf(notices);
  }
}
