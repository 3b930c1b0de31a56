package dev.corslint.bench;

import dev.corslint.model.Ecosystem;
import dev.corslint.report.TextReport;
import dev.corslint.scan.FileSelection;
import dev.corslint.scan.FileSystemSourceTree;
import dev.corslint.scan.RepositoryModel;
import dev.corslint.scan.ScanResult;
import dev.corslint.scan.Scanner;
import java.io.IOException;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The scan the benchmark times, in the JVM the benchmark starts: the whole pipeline of {@code corslint scan}
 * (read, rules, text report), then what it cost as {@code key=value} lines on standard output. Hidden: only
 * {@code corslint bench} calls it.
 */
@Command(name = "scan-probe", hidden = true)
public final class ScanProbeCommand implements Callable<Integer> {

  @Parameters(paramLabel = "PATH", description = "Directory to scan.")
  Path path;

  @Option(names = "--threads", description = "Threads that read and parse files (0: all cores).")
  int threads;

  @Option(names = "--repeat", description = "Scans in this one process; resident memory is printed after each.")
  int repeat = 1;

  @Option(names = "--report", description = "Write the text report of the last scan here.")
  Path report;

  @Override
  public Integer call() throws IOException {
    long toMainNanos = (System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime()) * 1_000_000;
    long auditNanos = 0;
    Scanner scanner = threads > 0 ? Scanner.withThreads(threads) : new Scanner();
    ScanResult result = null;
    RepositoryModel model = null;
    StringBuilder rss = new StringBuilder();
    for (int i = 0; i < Math.max(1, repeat); i++) {
      model = scanner.read(List.of(path), null, FileSelection.all(), true); // as scan does
      long auditStart = System.nanoTime();
      result = scanner.audit(model);
      auditNanos = System.nanoTime() - auditStart;
      if (repeat > 1) {
        // Collected Java objects free tree-sitter's native memory: what stays after a collection is a leak.
        System.gc();
        rss.append(i == 0 ? "" : ",").append(ProcMemory.kib("VmRSS"));
      }
    }
    StringWriter text = new StringWriter();
    new TextReport(false, false).write(result, text); // the report is part of what a user waits for
    if (report != null) Files.writeString(report, text.toString());
    FileSystemSourceTree.ReadCounts counts = model.tree() == null ? new FileSystemSourceTree.ReadCounts(0, 0, 0)
        : model.tree().readCounts();
    StringBuilder out = new StringBuilder();
    out.append("files.walked=").append(model.tree() == null ? 0 : model.tree().files().size()).append('\n');
    out.append("files.head=").append(counts.headReads()).append('\n');
    out.append("files.whole=").append(counts.wholeReads()).append('\n');
    out.append("bytes.read=").append(counts.bytesRead()).append('\n');
    for (Ecosystem e : Ecosystem.values()) {
      out.append("entry.").append(e.displayName()).append('=').append(model.cost().entryPoints().getOrDefault(e, 0)).append('\n');
    }
    out.append("nanos.walk=").append(model.cost().walkNanos()).append('\n');
    out.append("nanos.sniff=").append(model.cost().sniffNanos()).append('\n');
    out.append("nanos.extract=").append(model.cost().extractNanos()).append('\n');
    model.cost().extractorNanos().forEach((e, n) -> out.append("nanos.extract.").append(e.displayName()).append('=').append(n).append('\n'));
    model.cost().rulesNanos().forEach((e, n) -> out.append("nanos.rules.").append(e.displayName()).append('=').append(n).append('\n'));
    out.append("nanos.audit=").append(auditNanos).append('\n');
    out.append("nanos.toMain=").append(toMainNanos).append('\n');
    out.append("policies=").append(result.policies()).append('\n');
    out.append("findings=").append(result.findings().size()).append('\n');
    out.append("notices=").append(result.notices().size()).append('\n');
    if (repeat > 1) out.append("rss.kib=").append(rss).append('\n');
    out.append("cpu.nanos=").append(processCpuNanos()).append('\n');
    out.append("peak.kib=").append(ProcMemory.kib("VmHWM")).append('\n');
    System.out.print(out);
    System.out.flush();
    return 0;
  }

  private static long processCpuNanos() {
    if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime();
    }
    return -1;
  }
}
