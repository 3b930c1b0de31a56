package dev.corslint.ecosystems.express;

import java.util.Locale;
import java.util.regex.Pattern;

/** Files that only ever run on a developer's machine or in tests: their servers are development configuration. */
final class DevelopmentFiles {

  private static final Pattern DEV_NAME = Pattern.compile("(^|[./_-])(dev|development|local)([./_-]|$)");
  private static final Pattern TEST_PATH = Pattern.compile(
      "(^|/)(test|tests|__tests__|__mocks__|e2e|cypress|mocks|fixtures?|spec)(/|$)|\\.(test|spec|e2e)\\.[cm]?[jt]sx?$|(^|/)setupProxy\\.js$");

  private DevelopmentFiles() {}

  static boolean isDevelopmentOnly(String relative) {
    String r = relative.toLowerCase(Locale.ROOT);
    String name = r.substring(r.lastIndexOf('/') + 1);
    return DEV_NAME.matcher(name).find() || TEST_PATH.matcher(r).find();
  }

  /** Test files are not analysed as servers at all. */
  static boolean isTest(String relative) {
    String r = relative.toLowerCase(Locale.ROOT);
    return Pattern.compile("\\.(test|spec)\\.[cm]?[jt]sx?$|(^|/)(__tests__|__mocks__)(/|$)").matcher(r).find();
  }
}
