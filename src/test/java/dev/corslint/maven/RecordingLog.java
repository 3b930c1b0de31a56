package dev.corslint.maven;

import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.logging.Log;

/** A Maven log that keeps each line as "LEVEL message", for assertions. */
final class RecordingLog implements Log {

  final List<String> lines = new ArrayList<>();
  private final boolean debug;

  RecordingLog(boolean debug) {
    this.debug = debug;
  }

  List<String> at(String level) {
    return lines.stream().filter(l -> l.startsWith(level + " ")).map(l -> l.substring(level.length() + 1)).toList();
  }

  String all() {
    return String.join("\n", lines);
  }

  private void add(String level, CharSequence message) {
    if (level.equals("DEBUG") && !debug) return;
    lines.add(level + " " + message);
  }

  @Override public boolean isDebugEnabled() { return debug; }
  @Override public void debug(CharSequence content) { add("DEBUG", content); }
  @Override public void debug(CharSequence content, Throwable error) { add("DEBUG", content); }
  @Override public void debug(Throwable error) { add("DEBUG", String.valueOf(error)); }
  @Override public boolean isInfoEnabled() { return true; }
  @Override public void info(CharSequence content) { add("INFO", content); }
  @Override public void info(CharSequence content, Throwable error) { add("INFO", content); }
  @Override public void info(Throwable error) { add("INFO", String.valueOf(error)); }
  @Override public boolean isWarnEnabled() { return true; }
  @Override public void warn(CharSequence content) { add("WARN", content); }
  @Override public void warn(CharSequence content, Throwable error) { add("WARN", content); }
  @Override public void warn(Throwable error) { add("WARN", String.valueOf(error)); }
  @Override public boolean isErrorEnabled() { return true; }
  @Override public void error(CharSequence content) { add("ERROR", content); }
  @Override public void error(CharSequence content, Throwable error) { add("ERROR", content); }
  @Override public void error(Throwable error) { add("ERROR", String.valueOf(error)); }
}
