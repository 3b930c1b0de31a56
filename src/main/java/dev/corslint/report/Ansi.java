package dev.corslint.report;

import dev.corslint.rules.Level;

/** ANSI styling that turns into plain text when colour is off. */
final class Ansi {

  private static final String RESET = "\u001b[0m";
  private static final String BOLD = "\u001b[1m";
  private static final String DIM = "\u001b[2m";
  private static final String RED = "\u001b[31m";
  private static final String GREEN = "\u001b[32m";
  private static final String YELLOW = "\u001b[33m";
  private static final String CYAN = "\u001b[36m";

  private final boolean enabled;

  Ansi(boolean enabled) {
    this.enabled = enabled;
  }

  boolean enabled() {
    return enabled;
  }

  String level(Level level, String text) {
    return style(colour(level), text);
  }

  String boldLevel(Level level, String text) {
    return style(BOLD + colour(level), text);
  }

  String bold(String text) {
    return style(BOLD, text);
  }

  String dim(String text) {
    return style(DIM, text);
  }

  String success(String text) {
    return style(BOLD + GREEN, text);
  }

  private static String colour(Level level) {
    return switch (level) {
      case ERROR -> RED;
      case WARNING -> YELLOW;
      case NOTE -> CYAN;
    };
  }

  private String style(String codes, String text) {
    return enabled && !text.isEmpty() ? codes + text + RESET : text;
  }
}
