package dev.corslint.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Memory figures from Linux's {@code /proc/<pid>/status}; -1 where there is no such file (other systems). */
final class ProcMemory {

  private ProcMemory() {}

  /** {@code field} (VmHWM: peak resident, VmRSS: resident now) of this process, in KiB. */
  static long kib(String field) {
    return kib("self", field);
  }

  static long kib(String pid, String field) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", pid, "status"))) {
        if (line.startsWith(field + ":")) {
          return Long.parseLong(line.substring(field.length() + 1).replace("kB", "").strip());
        }
      }
    } catch (IOException | RuntimeException e) {
      return -1;
    }
    return -1;
  }
}
