package dev.corslint.ecosystems.express;

import dev.corslint.model.Notice;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Parses one file many times and prints how much the resident set grew, in MB; run in its own JVM. */
public final class NativeMemoryProbe {

  private NativeMemoryProbe() {}

  public static void main(String[] args) throws Exception {
    String text = Files.readString(Path.of(args[0])).repeat(20);
    int warmUp = Integer.parseInt(args[1]);
    int runs = Integer.parseInt(args[2]);
    List<Notice> notices = new ArrayList<>();
    for (int i = 0; i < warmUp; i++) JsParser.parse("warm-up.js", text, notices);
    long before = settledResidentMegabytes();
    for (int i = 0; i < runs; i++) JsParser.parse("file" + i + ".js", text, notices);
    long after = settledResidentMegabytes();
    System.out.println("growth " + (after - before));
  }

  private static long settledResidentMegabytes() throws Exception {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(200); // lets the cleaner thread free the collected trees
    }
    for (String line : Files.readAllLines(NativeMemoryTest.STATUS)) {
      if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
    }
    throw new IllegalStateException("no VmRSS");
  }
}
