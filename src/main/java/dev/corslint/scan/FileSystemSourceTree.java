package dev.corslint.scan;

import dev.corslint.model.Keywords;
import dev.corslint.model.Notice;
import dev.corslint.model.SourceFile;
import dev.corslint.model.SourceSpan;
import dev.corslint.model.SourceTree;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveAction;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * The scan root on disk. Walks it once without following links, keeps files in path order, and refuses to
 * hand out anything outside the root, anything behind a link, anything over the size limit, and anything
 * binary.
 */
public final class FileSystemSourceTree implements SourceTree {

  /**
   * Directories no configuration lives in (dependencies, build output, tool state); skipping them keeps large
   * repositories cheap.
   */
  static final Set<String> SKIPPED_DIRECTORIES = Set.of(".git", ".hg", ".svn", "node_modules", "target", ".gradle",
      ".idea", ".venv", "venv", "__pycache__", "dist", "build", ".next", ".nuxt", "vendor", "bower_components");

  public static final long DEFAULT_MAX_FILE_BYTES = 2L * 1024 * 1024;

  private final Path root;
  private final long maxFileBytes;
  private final boolean honourGitIgnore;
  private final int threads;
  private final Map<String, SourceFile> byRelative;
  /** Asked for by every reader; the tree does not change after the walk. */
  private final List<SourceFile> files;
  private final List<Notice> walkNotices = new ArrayList<>();
  private final AtomicLong bytesRead = new AtomicLong();
  private final AtomicInteger headReads = new AtomicInteger();
  private final AtomicInteger wholeReads = new AtomicInteger();
  private final Set<String> withSuppressionComments = ConcurrentHashMap.newKeySet();
  private static final Keywords SUPPRESSION_COMMENT = Keywords.of(InlineSuppressions.MARKER);

  public FileSystemSourceTree(Path root) {
    this(root, DEFAULT_MAX_FILE_BYTES);
  }

  public FileSystemSourceTree(Path root, long maxFileBytes) {
    this(root, maxFileBytes, true);
  }

  /** @param honourGitIgnore leave out what the {@code .gitignore} files inside the root ignore */
  public FileSystemSourceTree(Path root, long maxFileBytes, boolean honourGitIgnore) {
    this(root, maxFileBytes, honourGitIgnore, Runtime.getRuntime().availableProcessors());
  }

  /** @param threads how many folders are read at once */
  public FileSystemSourceTree(Path root, long maxFileBytes, boolean honourGitIgnore, int threads) {
    this.root = root.toAbsolutePath().normalize();
    this.maxFileBytes = maxFileBytes;
    this.honourGitIgnore = honourGitIgnore;
    this.threads = Math.max(1, threads);
    this.byRelative = Collections.unmodifiableMap(walk(threads));
    this.files = List.copyOf(byRelative.values());
  }

  public Path root() {
    return root;
  }

  /** Notices raised while walking (unreadable directories). */
  public List<Notice> walkNotices() {
    return List.copyOf(walkNotices);
  }

  /** What reading cost so far: the benchmark's figures. */
  public record ReadCounts(int headReads, int wholeReads, long bytesRead) {}

  /**
   * The files read so far whose text has a suppression comment: the only ones the suppression check has to
   * open again, so a scan reads each source once.
   */
  public Set<String> filesWithSuppressionComments() {
    return Set.copyOf(withSuppressionComments);
  }

  public ReadCounts readCounts() {
    return new ReadCounts(headReads.get(), wholeReads.get(), bytesRead.get());
  }

  @Override
  public List<SourceFile> files() {
    return files;
  }

  /**
   * Every file below the root, folders walked on {@code threads} threads at once (a folder is one task, its
   * sub-folders are forked). The result and the notices are sorted, so they are the same for any thread count.
   */
  private Map<String, SourceFile> walk(int threads) {
    Map<String, SourceFile> files = new TreeMap<>();
    if (Files.isRegularFile(root, LinkOption.NOFOLLOW_LINKS)) {
      // A single file given as the root: its parent is the root for paths.
      return files;
    }
    Queue<SourceFile> found = new ConcurrentLinkedQueue<>();
    Queue<Notice> problems = new ConcurrentLinkedQueue<>();
    ForkJoinPool pool = new ForkJoinPool(Math.max(1, threads));
    try {
      pool.invoke(new FolderWalk(root, null, found, problems));
    } finally {
      pool.shutdownNow();
    }
    for (SourceFile f : found) files.put(f.relative(), f);
    List<Notice> sorted = new ArrayList<>(problems);
    sorted.sort(Comparator.comparing((Notice n) -> n.span() == null ? "" : n.span().file()).thenComparing(Notice::message));
    walkNotices.addAll(sorted);
    return files;
  }

  /** The .gitignore rules in force in a folder: its own, then its parent's chain. */
  private record IgnoreChain(GitIgnore rules, IgnoreChain parent) {}

  /** One folder: its files, and a forked task for each sub-folder that is neither skipped nor ignored. */
  private final class FolderWalk extends RecursiveAction {
    private final Path dir;
    private final IgnoreChain inherited;
    private final Queue<SourceFile> found;
    private final Queue<Notice> problems;

    FolderWalk(Path dir, IgnoreChain inherited, Queue<SourceFile> found, Queue<Notice> problems) {
      this.dir = dir;
      this.inherited = inherited;
      this.found = found;
      this.problems = problems;
    }

    @Override
    protected void compute() {
      GitIgnore own = honourGitIgnore ? gitIgnoreIn(dir, problems) : NO_RULES;
      IgnoreChain ignores = own == NO_RULES ? inherited : new IgnoreChain(own, inherited);
      List<FolderWalk> folders = new ArrayList<>();
      try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
        for (Path entry : entries) {
          BasicFileAttributes attrs;
          try {
            attrs = Files.readAttributes(entry, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
          } catch (IOException e) {
            problems.add(Notice.warning("cannot read: " + e.getClass().getSimpleName(), SourceSpan.file(relative(entry))));
            continue;
          }
          // Links are not followed: a link may point outside the root.
          if (attrs.isDirectory()) {
            if (SKIPPED_DIRECTORIES.contains(entry.getFileName().toString())) continue;
            if (ignored(ignores, relative(entry), true)) continue;
            folders.add(new FolderWalk(entry, ignores, found, problems));
          } else if (attrs.isRegularFile()) {
            String rel = relative(entry);
            if (!ignored(ignores, rel, false)) found.add(new SourceFile(entry, rel, attrs.size()));
          }
        }
      } catch (IOException | DirectoryIteratorException e) {
        Throwable cause = e instanceof DirectoryIteratorException d ? d.getCause() : e;
        problems.add(Notice.warning("cannot read: " + cause.getClass().getSimpleName(), SourceSpan.file(relative(dir))));
      }
      invokeAll(folders);
    }
  }

  private static final GitIgnore NO_RULES = GitIgnore.parse("", "");

  private GitIgnore gitIgnoreIn(Path dir, Queue<Notice> problems) {
    Path file = dir.resolve(".gitignore");
    if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) return NO_RULES;
    try {
      if (Files.size(file) > maxFileBytes) return NO_RULES;
      GitIgnore rules = GitIgnore.parse(relative(dir), decode(Files.readAllBytes(file)));
      return rules.isEmpty() ? NO_RULES : rules;
    } catch (IOException e) {
      problems.add(Notice.warning("cannot read: " + e.getClass().getSimpleName(), SourceSpan.file(relative(file))));
      return NO_RULES;
    }
  }

  /** What the innermost .gitignore with a matching pattern says; not ignored when none matches. */
  private static boolean ignored(IgnoreChain ignores, String relative, boolean directory) {
    for (IgnoreChain c = ignores; c != null; c = c.parent()) {
      Boolean decision = c.rules().decides(relative, directory);
      if (decision != null) return decision;
    }
    return false;
  }

  private String relative(Path file) {
    return root.relativize(file).toString().replace('\\', '/');
  }

  @Override
  public Optional<SourceFile> resolve(String relative, SourceSpan requestedAt, List<Notice> notices) {
    Path p = root.resolve(relative).normalize();
    if (!p.startsWith(root)) {
      notices.add(Notice.warning("'" + relative + "' is outside the scan root; not read", requestedAt));
      return Optional.empty();
    }
    SourceFile f = byRelative.get(relative(p));
    if (f == null) {
      String why =
          Files.isSymbolicLink(p)
              ? "is a symbolic link; links are not followed"
              : Files.exists(p, LinkOption.NOFOLLOW_LINKS) ? "is not a regular file in the scan" : "does not exist";
      notices.add(Notice.warning("'" + relative(p) + "' " + why, requestedAt));
    }
    return Optional.ofNullable(f);
  }

  @Override
  public Optional<String> read(SourceFile file, List<Notice> notices) {
    return bytes(file, notices).map(b -> decode(file, b));
  }

  @Override
  public Optional<String> readIfContains(SourceFile file, Keywords words, List<Notice> notices) {
    return bytes(file, notices).filter(words::foundIn).map(b -> decode(file, b));
  }

  /** Reads and tests the files on {@code threads} threads; the result and the notices keep the files' order. */
  @Override
  public Map<SourceFile, String> textsContaining(List<SourceFile> files, Keywords words, List<Notice> notices) {
    record Read(Optional<String> text, List<Notice> notices) {}
    Function<SourceFile, Read> read = f -> {
      List<Notice> own = new ArrayList<>(0);
      return new Read(readIfContains(f, words, own), own);
    };
    List<Read> reads;
    if (threads == 1 || files.size() < 64) {
      reads = files.stream().map(read).toList();
    } else {
      ForkJoinPool pool = new ForkJoinPool(threads);
      try {
        reads = pool.submit(() -> files.parallelStream().map(read).toList()).join();
      } finally {
        pool.shutdownNow();
      }
    }
    Map<SourceFile, String> out = new LinkedHashMap<>();
    for (int i = 0; i < files.size(); i++) {
      notices.addAll(reads.get(i).notices());
      SourceFile f = files.get(i);
      reads.get(i).text().ifPresent(t -> out.put(f, t));
    }
    return out;
  }

  /** The bytes of a file within the size limit that is not binary; otherwise empty with a notice. */
  private Optional<byte[]> bytes(SourceFile file, List<Notice> notices) {
    SourceSpan at = SourceSpan.file(file.relative());
    if (file.size() > maxFileBytes) {
      notices.add(
          Notice.note(
              "skipped: " + file.size() + " bytes is over the " + maxFileBytes + "-byte limit for one file", at));
      return Optional.empty();
    }
    try (InputStream in = Files.newInputStream(file.path(), LinkOption.NOFOLLOW_LINKS)) {
      byte[] bytes = in.readNBytes((int) maxFileBytes + 1);
      wholeReads.incrementAndGet();
      bytesRead.addAndGet(bytes.length);
      if (bytes.length > maxFileBytes) {
        notices.add(Notice.note("skipped: larger than the " + maxFileBytes + "-byte limit for one file", at));
        return Optional.empty();
      }
      if (looksBinary(bytes)) {
        notices.add(Notice.note("skipped: binary file", at));
        return Optional.empty();
      }
      return Optional.of(bytes);
    } catch (IOException e) {
      notices.add(Notice.warning("cannot read: " + e.getMessage(), at));
      return Optional.empty();
    }
  }

  private String decode(SourceFile file, byte[] bytes) {
    if (SUPPRESSION_COMMENT.foundIn(bytes)) withSuppressionComments.add(file.relative());
    return decode(bytes);
  }

  /** The first {@code n} bytes, for cheap content sniffing; empty on error. */
  public byte[] head(SourceFile file, int n) {
    try (InputStream in = Files.newInputStream(file.path(), LinkOption.NOFOLLOW_LINKS)) {
      byte[] head = in.readNBytes(n);
      headReads.incrementAndGet();
      bytesRead.addAndGet(head.length);
      return head;
    } catch (IOException e) {
      return new byte[0];
    }
  }

  static boolean looksBinary(byte[] bytes) {
    int n = Math.min(bytes.length, 8192);
    for (int i = 0; i < n; i++) if (bytes[i] == 0) return true;
    return false;
  }

  /** UTF-8 with malformed sequences replaced by U+FFFD, as the String constructor does (and fastest). */
  private static String decode(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  @Override
  public List<SourceFile> glob(String pattern) {
    String normalized = root.resolve(pattern).normalize().toString();
    if (!normalized.startsWith(root.toString())) return List.of();
    String rel = relative(Path.of(normalized));
    PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + rel);
    List<SourceFile> out = new ArrayList<>();
    for (SourceFile f : byRelative.values()) {
      if (m.matches(Path.of(f.relative()))) out.add(f);
    }
    return out;
  }
}
