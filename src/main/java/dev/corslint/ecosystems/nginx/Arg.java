package dev.corslint.ecosystems.nginx;

import dev.corslint.model.SourceSpan;

/**
 * One argument of a directive.
 *
 * @param raw the text as written, quotes included
 * @param value the text nginx works with: quotes removed and {@code \"}, {@code \'}, {@code \\}, {@code \t},
 *     {@code \r}, {@code \n} resolved; other backslashes are kept, as nginx keeps them (regexes rely on it)
 * @param quoted whether it was written in quotes
 * @param span where it is written
 */
public record Arg(String raw, String value, boolean quoted, SourceSpan span) {}
