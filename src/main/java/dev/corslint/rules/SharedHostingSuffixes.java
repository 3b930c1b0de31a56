package dev.corslint.rules;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The shared hosting domains, read from the one data file that lists them. */
public final class SharedHostingSuffixes {

  private static final List<String> SUFFIXES = load();

  private SharedHostingSuffixes() {}

  public static List<String> all() {
    return SUFFIXES;
  }

  private static List<String> load() {
    List<String> out = new ArrayList<>();
    try (InputStream in = SharedHostingSuffixes.class.getResourceAsStream("shared-hosting-suffixes.txt")) {
      if (in == null) throw new IllegalStateException("shared-hosting-suffixes.txt missing");
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line; (line = r.readLine()) != null; ) {
        line = line.strip();
        if (!line.isEmpty() && !line.startsWith("#")) out.add(line);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return List.copyOf(out);
  }
}
