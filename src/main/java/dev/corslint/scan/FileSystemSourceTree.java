package dev.corslint.scan;

import dev.corslint.model.Notice;
import dev.corslint.model.SourceFile;
import dev.corslint.model.SourceSpan;
import dev.corslint.model.SourceTree;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The scan root on disk. Walks it once without following links, keeps files in path order, and refuses to
 * hand out anything outside the root, anything behind a link, anything over the size limit, and anything
 * binary.
 */
public final class FileSystemSourceTree implements SourceTree {

  /** Directories no configuration lives in; skipping them keeps large repositories cheap. */
  static final Set<String> SKIPPED_DIRECTORIES =
      Set.of(".git", ".hg", ".svn", "node_modules", "target", ".gradle", ".idea", ".venv", "venv", "__pycache__");

  public static final long DEFAULT_MAX_FILE_BYTES = 2L * 1024 * 1024;

  private final Path root;
  private final long maxFileBytes;
  private final Map<String, SourceFile> byRelative;
  private final List<Notice> walkNotices = new ArrayList<>();
  private final AtomicLong bytesRead = new AtomicLong();
  private final AtomicInteger headReads = new AtomicInteger();
  private final AtomicInteger wholeReads = new AtomicInteger();

  public FileSystemSourceTree(Path root) {
    this(root, DEFAULT_MAX_FILE_BYTES);
  }

  public FileSystemSourceTree(Path root, long maxFileBytes) {
    this.root = root.toAbsolutePath().normalize();
    this.maxFileBytes = maxFileBytes;
    this.byRelative = Collections.unmodifiableMap(walk());
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

  public ReadCounts readCounts() {
    return new ReadCounts(headReads.get(), wholeReads.get(), bytesRead.get());
  }

  @Override
  public List<SourceFile> files() {
    return List.copyOf(byRelative.values());
  }

  private Map<String, SourceFile> walk() {
    Map<String, SourceFile> files = new TreeMap<>();
    if (Files.isRegularFile(root, LinkOption.NOFOLLOW_LINKS)) {
      // A single file given as the root: its parent is the root for paths.
      return files;
    }
    try {
      Files.walkFileTree(
          root,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
              if (!dir.equals(root) && SKIPPED_DIRECTORIES.contains(dir.getFileName().toString())) {
                return FileVisitResult.SKIP_SUBTREE;
              }
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
              if (attrs.isRegularFile()) {
                String rel = relative(file);
                files.put(rel, new SourceFile(file, rel, attrs.size()));
              }
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException exc) {
              walkNotices.add(
                  Notice.warning("cannot read: " + exc.getClass().getSimpleName(), SourceSpan.file(relative(file))));
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      walkNotices.add(Notice.error("cannot walk the scan root: " + e.getMessage(), null));
    }
    return files;
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
      return Optional.of(decode(bytes));
    } catch (IOException e) {
      notices.add(Notice.warning("cannot read: " + e.getMessage(), at));
      return Optional.empty();
    }
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

  private static String decode(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPLACE)
          .onUnmappableCharacter(CodingErrorAction.REPLACE)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (java.nio.charset.CharacterCodingException e) {
      return new String(bytes, StandardCharsets.ISO_8859_1);
    }
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
