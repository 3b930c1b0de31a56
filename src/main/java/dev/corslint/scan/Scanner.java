package dev.corslint.scan;

import dev.corslint.model.CorsPolicy;
import dev.corslint.model.Ecosystem;
import dev.corslint.model.Extraction;
import dev.corslint.model.Extractor;
import dev.corslint.model.Notice;
import dev.corslint.model.SourceFile;
import dev.corslint.model.SourceSpan;
import dev.corslint.rules.Finding;
import dev.corslint.rules.RuleCatalog;
import dev.corslint.rules.RuleEngine;
import dev.corslint.topology.ProxyLinks;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One scan: walk the root, hand each ecosystem the files it recognises, build policies, run the rules, and
 * drop what inline comments suppress. Bad input anywhere becomes a notice; the scan always finishes.
 */
public final class Scanner {

  private static final int HEAD_BYTES = 4096;
  private static final byte[] NO_HEAD = new byte[0];
  private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

  private final RuleCatalog catalog;
  private final List<Extractor> extractors;
  private final int threads;

  public Scanner() {
    this(RuleCatalog.bundled(), loadExtractors());
  }

  public Scanner(RuleCatalog catalog, List<Extractor> extractors) {
    this(catalog, extractors, Runtime.getRuntime().availableProcessors());
  }

  /**
   * @param threads how many files are sniffed at once, and how many extractors run side by side; the output is
   *     the same for any number
   */
  public Scanner(RuleCatalog catalog, List<Extractor> extractors, int threads) {
    this.catalog = catalog;
    this.extractors = List.copyOf(extractors);
    this.threads = Math.max(1, threads);
  }

  /** The bundled rules and extractors on {@code threads} threads. */
  public static Scanner withThreads(int threads) {
    return new Scanner(RuleCatalog.bundled(), loadExtractors(), threads);
  }

  public static List<Extractor> loadExtractors() {
    List<Extractor> out = new ArrayList<>();
    ServiceLoader.load(Extractor.class, Scanner.class.getClassLoader()).forEach(out::add);
    return out;
  }

  /**
   * Scans {@code target}: a directory (the scan root) or a single file (its folder is the root and only
   * that file is an entry point).
   *
   * @param configFile {@code .corslint.yml} to use, or null to look for one at the root
   */
  public ScanResult scan(Path target, Path configFile) {
    return scan(List.of(target), configFile);
  }

  /**
   * Scans several directories or files at once. The root is their closest common folder, so reports show
   * paths relative to it; only files under the targets are entry points (includes may reach further inside
   * the root).
   */
  public ScanResult scan(List<Path> targets, Path configFile) {
    return scan(targets, configFile, FileSelection.all());
  }

  /**
   * Scans several directories or files, starting only from the files {@code selection} selects (globs
   * relative to the scan root) and that the configuration does not exclude.
   */
  public ScanResult scan(List<Path> targets, Path configFile, FileSelection selection) {
    return audit(read(targets, configFile, selection, true));
  }

  /** Runs the rules over a repository already read, and drops what inline comments suppress. */
  public ScanResult audit(RepositoryModel model) {
    Path root = model.root();
    List<Notice> notices = model.notices();
    if (model.tree() == null) {
      return new ScanResult(root, List.of(), notices, catalog.asMap(), 0, 0);
    }
    ScanConfig config = model.config();
    FileSystemSourceTree tree = model.tree();
    List<CorsPolicy> policies = model.policies();
    int files = model.filesRead().size();
    String configName = model.configName();
    RuleEngine engine = engine(config);
    int audited = model.audited().stream().mapToInt(g -> g.policies().size()).sum();
    List<Finding> findings = audited == policies.size() && !model.audited().isEmpty()
        ? engine.finish(model.audited(), notices)
        : engine.run(policies, notices);
    Map<String, List<String>> lineCache = new HashMap<>();
    Function<String, List<String>> linesOf = file -> lineCache.computeIfAbsent(file, k -> lines(tree, k));
    List<Finding> kept = new ArrayList<>();
    List<Finding> suppressed = new ArrayList<>();
    Set<String> commented = new TreeSet<>();
    for (Finding f : findings) {
      commented.add(f.location().file());
      (InlineSuppressions.suppressed(f, linesOf) ? suppressed : kept).add(f);
    }
    // Suppression comments that name no rule are reported wherever a parser read a file or a finding points;
    // the tree noted which of the files it read have any.
    commented.addAll(tree.filesWithSuppressionComments());
    for (String file : commented) {
      List<String> text = linesOf.apply(file);
      notices.addAll(InlineSuppressions.unknownRules(file, text, catalog.asMap().keySet()));
    }
    return new ScanResult(root, kept, notices, catalog.asMap(), files, policies.size(), suppressed, null, configName);
  }

  /**
   * Reads the repository into policies without running the rules: what {@code scan} audits and what
   * {@code explain} asks one request of. The tree is null when no target exists.
   */
  public RepositoryModel read(List<Path> targets, Path configFile, FileSelection selection) {
    return read(targets, configFile, selection, false);
  }

  private RuleEngine engine(ScanConfig config) {
    return new RuleEngine(catalog, config.settings(), config.ruleLevels());
  }

  /**
   * @param auditWhileReading also run the per-policy checks on each extractor's policies on the thread that
   *     built them, while other extractors still work: the scan's rules then cost no time of their own
   */
  public RepositoryModel read(List<Path> targets, Path configFile, FileSelection selection, boolean auditWhileReading) {
    List<Path> abs = targets.stream().map(t -> t.toAbsolutePath().normalize()).toList();
    List<Notice> notices = new ArrayList<>();
    Path root = null;
    for (Path t : abs) {
      Path dir = Files.isRegularFile(t, LinkOption.NOFOLLOW_LINKS) ? t.getParent() : t;
      if (!Files.exists(t, LinkOption.NOFOLLOW_LINKS)) notices.add(Notice.error("no such file or directory: " + t, null));
      root = root == null ? dir : commonAncestor(root, dir);
    }
    if (root == null || !Files.isDirectory(root)) {
      Path shown = root == null ? Path.of("").toAbsolutePath() : root;
      return new RepositoryModel(shown, ScanConfig.defaults(), null, List.of(), List.of(), notices, null);
    }
    final Path base = root;
    List<String> prefixes = abs.stream().map(t -> base.relativize(t).toString().replace('\\', '/')).toList();
    Predicate<String> underTarget = rel -> prefixes.stream()
        .anyMatch(p -> p.isEmpty() || rel.equals(p) || rel.startsWith(p + "/"));
    Path configPath = configFile != null ? configFile : root.resolve(ScanConfig.FILE_NAME);
    String configName = Files.isRegularFile(configPath) ? displayName(root, configPath) : null;
    ScanConfig config = config(root, configFile, notices);
    FileSelection configured = config.selection();
    long walkStart = System.nanoTime();
    FileSystemSourceTree tree = new FileSystemSourceTree(root, FileSystemSourceTree.DEFAULT_MAX_FILE_BYTES, true, threads);
    long sniffStart = System.nanoTime();
    notices.addAll(tree.walkNotices());
    Predicate<SourceFile> entry = f -> underTarget.test(f.relative()) && selection.selects(f.relative())
        && !configured.excludes(f.relative());

    List<SourceFile> entries = tree.files().stream().filter(entry).toList();
    Map<Extractor, List<SourceFile>> accepted = new LinkedHashMap<>();
    for (Extractor x : extractors) accepted.put(x, new ArrayList<>());
    List<SourceFile> read = new ArrayList<>();
    List<Sniff> sniffs = inParallel(entries, f -> sniff(f, tree));
    for (int i = 0; i < entries.size(); i++) {
      Sniff s = sniffs.get(i);
      notices.addAll(s.notices());
      for (int x = 0; x < extractors.size(); x++) {
        if (s.takenBy().get(x)) accepted.get(extractors.get(x)).add(entries.get(i));
      }
      if (!s.takenBy().isEmpty()) read.add(entries.get(i));
    }
    long sniffed = System.nanoTime();
    Map<Ecosystem, Integer> entryPoints = new EnumMap<>(Ecosystem.class);
    accepted.forEach((x, fs) -> entryPoints.merge(x.ecosystem(), fs.size(), Integer::sum));
    // Each extractor runs on one thread of its own, so none needs to be thread-safe; their policies and notices
    // are joined in extractor order, so the model is the same whatever the thread count.
    List<Map.Entry<Extractor, List<SourceFile>>> work =
        accepted.entrySet().stream().filter(e -> !e.getValue().isEmpty()).toList();
    long[] extractorNanos = new long[work.size()];
    long[] rulesNanos = new long[work.size()];
    RuleEngine engine = auditWhileReading ? engine(config) : null;
    // An extractor's policies share its state (an interpreter, caches): they are simulated on its thread only.
    List<Extracted> extractions = inParallel(work, e -> {
      int i = work.indexOf(e);
      long start = CPU.getCurrentThreadCpuTime();
      Extraction x = safeExtract(e.getKey(), e.getValue(), tree);
      long extracted = CPU.getCurrentThreadCpuTime();
      extractorNanos[i] = extracted - start;
      if (engine == null) return new Extracted(x, null);
      RuleEngine.Group g = engine.auditGroup(x.policies());
      rulesNanos[i] = CPU.getCurrentThreadCpuTime() - extracted;
      return new Extracted(x, g);
    });
    Map<Ecosystem, Long> byEcosystem = new EnumMap<>(Ecosystem.class);
    Map<Ecosystem, Long> rulesByEcosystem = new EnumMap<>(Ecosystem.class);
    for (int i = 0; i < work.size(); i++) {
      byEcosystem.merge(work.get(i).getKey().ecosystem(), extractorNanos[i], Long::sum);
      if (engine != null) rulesByEcosystem.merge(work.get(i).getKey().ecosystem(), rulesNanos[i], Long::sum);
    }
    List<CorsPolicy> extracted = new ArrayList<>();
    for (Extracted x : extractions) {
      extracted.addAll(x.extraction().policies());
      notices.addAll(x.extraction().notices());
    }
    // a proxy in front of an application of the same repository answers with both layers
    List<CorsPolicy> policies = linked(extracted, tree, notices);
    List<RuleEngine.Group> audited = new ArrayList<>();
    if (engine != null) {
      // A group whose policies linking replaced (a proxy now answering with its application) is checked again,
      // here, after every extractor is done: its simulations reach into another extractor's policies.
      int from = 0;
      for (Extracted x : extractions) {
        int n = x.extraction().policies().size();
        boolean same = true;
        for (int k = from; k < from + n; k++) same &= policies.get(k) == extracted.get(k);
        audited.add(same ? x.audited() : engine.auditGroup(policies.subList(from, from + n)));
        from += n;
      }
    }
    ReadCost cost = new ReadCost(entryPoints, sniffStart - walkStart, sniffed - sniffStart, System.nanoTime() - sniffed,
        byEcosystem, rulesByEcosystem);
    return new RepositoryModel(root, config, tree, read, policies, notices, configName, cost, audited);
  }

  private static List<CorsPolicy> linked(List<CorsPolicy> policies, FileSystemSourceTree tree, List<Notice> notices) {
    try {
      return ProxyLinks.link(policies, tree, notices);
    } catch (RuntimeException | StackOverflowError ex) {
      notices.add(Notice.error("internal error while linking proxies to applications: " + ex
          + "; every layer is analysed on its own", null));
      return policies;
    }
  }

  private static Path commonAncestor(Path a, Path b) {
    Path p = a;
    while (p != null && !b.startsWith(p)) p = p.getParent();
    return p;
  }

  /** One extractor's output, and its policies' per-policy checks when they ran on the same thread. */
  private record Extracted(Extraction extraction, RuleEngine.Group audited) {}

  /** Which extractors (by index) take one file, and what went wrong asking them. */
  private record Sniff(BitSet takenBy, List<Notice> notices) {}

  /** Reads a file's head only when some extractor may take a file of that name. */
  private Sniff sniff(SourceFile f, FileSystemSourceTree tree) {
    BitSet taken = new BitSet();
    List<Notice> notices = new ArrayList<>(0);
    byte[] head = null;
    for (int x = 0; x < extractors.size(); x++) {
      Extractor extractor = extractors.get(x);
      if (!safely(f, notices, () -> extractor.mayAccept(f))) continue;
      byte[] shown = NO_HEAD;
      if (safely(f, notices, () -> extractor.needsHead(f))) {
        if (head == null) head = tree.head(f, HEAD_BYTES);
        shown = head;
      }
      byte[] given = shown;
      if (safely(f, notices, () -> extractor.accepts(f, given))) taken.set(x);
    }
    return new Sniff(taken, notices);
  }

  private static Extraction safeExtract(Extractor x, List<SourceFile> files, FileSystemSourceTree tree) {
    try {
      return x.extract(files, tree);
    } catch (RuntimeException | LinkageError | StackOverflowError ex) {
      return new Extraction(List.of(), List.of(Notice.error(
          "internal error in the " + x.ecosystem().displayName() + " reader: " + ex
              + "; its files were not analysed", null)));
    }
  }

  /**
   * {@code task} applied to every item on up to {@link #threads} threads; the results are in the items' order.
   */
  private <T, R> List<R> inParallel(List<T> items, Function<T, R> task) {
    int n = Math.min(threads, items.size());
    if (n <= 1) return items.stream().map(task).toList();
    ExecutorService pool = Executors.newFixedThreadPool(n, r -> {
      Thread t = new Thread(r, "corslint-scan");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<R>> futures = new ArrayList<>(items.size());
      for (T item : items) futures.add(pool.submit(() -> task.apply(item)));
      List<R> out = new ArrayList<>(items.size());
      for (Future<R> f : futures) out.add(f.get());
      return out;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("scan interrupted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) throw r;
      if (e.getCause() instanceof Error err) throw err;
      throw new IllegalStateException(e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  /** One sniffing question to an extractor; one that throws answers no, with a notice on the file. */
  private static boolean safely(SourceFile f, List<Notice> notices, BooleanSupplier question) {
    try {
      return question.getAsBoolean();
    } catch (RuntimeException e) {
      notices.add(Notice.error("internal error while sniffing: " + e, SourceSpan.file(f.relative())));
      return false;
    }
  }

  private ScanConfig config(Path root, Path configFile, List<Notice> notices) {
    Path file = configFile != null ? configFile : root.resolve(ScanConfig.FILE_NAME);
    if (!Files.isRegularFile(file)) {
      if (configFile != null) notices.add(Notice.error("configuration file not found: " + configFile, null));
      return ScanConfig.defaults();
    }
    return ScanConfig.load(file, displayName(root, file), catalog.asMap().keySet(), notices);
  }

  /** A configuration file as notices name it: relative to the root when inside it, else its file name. */
  private static String displayName(Path root, Path file) {
    Path abs = file.toAbsolutePath().normalize();
    return abs.startsWith(root) ? root.relativize(abs).toString().replace('\\', '/') : abs.getFileName().toString();
  }

  /**
   * The lines of a file, for suppression comments. A file without the word {@code corslint-disable} has none,
   * and most files read by the scan have none: they are not split into lines.
   */
  private static List<String> lines(FileSystemSourceTree tree, String relative) {
    List<Notice> ignored = new ArrayList<>();
    return tree.resolve(relative, null, ignored)
        .flatMap(f -> tree.read(f, ignored))
        .filter(s -> s.contains("corslint-disable"))
        .map(s -> s.lines().toList())
        .orElse(List.of());
  }
}
