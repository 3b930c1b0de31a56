package dev.corslint.scan;

import dev.corslint.model.Ecosystem;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * What reading a repository took, for the benchmark.
 *
 * @param entryPoints how many files each ecosystem took as entry points
 * @param walkNanos walking the root
 * @param sniffNanos reading heads and asking every extractor whether it takes each file
 * @param extractNanos the extractors' work, wall time (they run side by side)
 */
public record ReadCost(Map<Ecosystem, Integer> entryPoints, long walkNanos, long sniffNanos, long extractNanos) {

  public static final ReadCost NONE = new ReadCost(Map.of(), 0, 0, 0);

  public ReadCost {
    entryPoints = entryPoints.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(entryPoints));
  }
}
