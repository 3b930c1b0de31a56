package dev.corslint.report;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns rule help written in Markdown into plain text for SARIF {@code help.text}, which consumers show
 * when they do not render Markdown: markup goes, the words, links and code examples stay.
 */
final class MarkdownText {

  private static final Pattern FENCE = Pattern.compile("^\\s{0,3}(`{3,}|~{3,}).*$");
  private static final Pattern HEADING = Pattern.compile("^\\s{0,3}#{1,6}\\s+(.*?)(?:\\s+#+)?\\s*$");
  private static final Pattern RULE_LINE = Pattern.compile("^\\s{0,3}([-*_])(\\s*\\1){2,}\\s*$");
  private static final Pattern QUOTE = Pattern.compile("^\\s{0,3}>\\s?");
  private static final Pattern INLINE_CODE = Pattern.compile("(`+)(.+?)\\1");
  private static final Pattern ESCAPE = Pattern.compile("\\\\([\\\\`*_{}\\[\\]()#+\\-.!|<>~])");
  private static final Pattern IMAGE = Pattern.compile("!\\[([^\\]]*)\\]\\([^)]*\\)");
  private static final Pattern LINK = Pattern.compile("\\[([^\\]]+)\\]\\(\\s*<?([^)\\s>]+)>?(?:\\s+\"[^\"]*\")?\\s*\\)");
  private static final Pattern AUTOLINK = Pattern.compile("<((?:https?|mailto):[^>\\s]+)>");
  private static final Pattern STRONG = Pattern.compile("(\\*\\*|__)(?=\\S)(.+?)(?<=\\S)\\1");
  private static final Pattern EMPHASIS_STAR = Pattern.compile("(?<![\\w*])\\*(?=[^\\s*])(.+?)(?<=[^\\s*])\\*(?![\\w*])");
  private static final Pattern EMPHASIS_UNDERSCORE = Pattern.compile("(?<![\\w_])_(?=[^\\s_])(.+?)(?<=[^\\s_])_(?![\\w_])");
  private static final Pattern STRIKE = Pattern.compile("~~(?=\\S)(.+?)(?<=\\S)~~");

  /** Escaped characters are parked in the private use area so that no markup rule sees them. */
  private static final char PARK = '\uE000';

  private MarkdownText() {}

  static String toPlainText(String markdown) {
    if (markdown == null || markdown.isBlank()) {
      return "";
    }
    List<String> out = new ArrayList<>();
    String fence = null;
    for (String line : SourceLines.split(markdown)) {
      Matcher fenceLine = FENCE.matcher(line);
      if (fence == null && fenceLine.matches()) {
        fence = fenceLine.group(1);
        continue;
      }
      if (fence != null) {
        if (closes(line, fence)) {
          fence = null;
        } else {
          // Code examples stay verbatim, indented so they still read as code.
          out.add(line.isBlank() ? "" : "    " + line);
        }
        continue;
      }
      out.add(block(line));
    }
    return collapseBlankLines(out);
  }

  /** A closing fence: only fence characters, at least as many as opened the block. */
  private static boolean closes(String line, String fence) {
    String s = line.strip();
    return s.startsWith(fence) && s.chars().allMatch(c -> c == fence.charAt(0));
  }

  private static String block(String line) {
    if (RULE_LINE.matcher(line).matches()) {
      return "";
    }
    Matcher heading = HEADING.matcher(line);
    if (heading.matches()) {
      return inline(heading.group(1));
    }
    return inline(QUOTE.matcher(line).replaceFirst(""));
  }

  private static String inline(String text) {
    StringBuilder out = new StringBuilder();
    Matcher code = INLINE_CODE.matcher(text);
    int last = 0;
    while (code.find()) {
      out.append(markup(text.substring(last, code.start())));
      out.append(code.group(2).strip());
      last = code.end();
    }
    out.append(markup(text.substring(last)));
    return out.toString().stripTrailing();
  }

  private static String markup(String text) {
    String s = park(text);
    s = IMAGE.matcher(s).replaceAll(m -> Matcher.quoteReplacement(m.group(1)));
    s = LINK.matcher(s).replaceAll(m -> Matcher.quoteReplacement(link(m.group(1), m.group(2))));
    s = AUTOLINK.matcher(s).replaceAll("$1");
    s = STRONG.matcher(s).replaceAll("$2");
    s = EMPHASIS_STAR.matcher(s).replaceAll("$1");
    s = EMPHASIS_UNDERSCORE.matcher(s).replaceAll("$1");
    s = STRIKE.matcher(s).replaceAll("$1");
    return unpark(s);
  }

  private static String link(String text, String url) {
    return text.equals(url) ? url : text + " (" + url + ")";
  }

  private static String park(String text) {
    return ESCAPE.matcher(text).replaceAll(m -> String.valueOf((char) (PARK + m.group(1).charAt(0))));
  }

  private static String unpark(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      out.append(c >= PARK && c < PARK + 128 ? (char) (c - PARK) : c);
    }
    return out.toString();
  }

  private static String collapseBlankLines(List<String> lines) {
    StringBuilder out = new StringBuilder();
    boolean blank = true; // also drops leading blank lines
    for (String line : lines) {
      if (line.isBlank()) {
        if (!blank) {
          out.append('\n');
        }
        blank = true;
      } else {
        out.append(line).append('\n');
        blank = false;
      }
    }
    return out.toString().strip().isEmpty() ? "" : out.toString().stripTrailing();
  }
}
