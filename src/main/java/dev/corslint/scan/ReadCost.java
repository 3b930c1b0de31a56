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
 * @param extractorNanos each ecosystem's extraction, CPU time of its thread (compilation and collection not
 *     included): which reader costs what, however busy the machine
 * @param rulesNanos the per-policy checks of each ecosystem's policies when they ran on the extractor's thread
 *     right after it, CPU time
 */
public record ReadCost(Map<Ecosystem, Integer> entryPoints, long walkNanos, long sniffNanos, long extractNanos,
    Map<Ecosystem, Long> extractorNanos, Map<Ecosystem, Long> rulesNanos) {

  public static final ReadCost NONE = new ReadCost(Map.of(), 0, 0, 0, Map.of(), Map.of());

  public ReadCost {
    entryPoints = entryPoints.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(entryPoints));
    extractorNanos = extractorNanos.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(extractorNanos));
    rulesNanos = rulesNanos.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(rulesNanos));
  }
}
