package dev.corslint.model;

import java.util.List;

/** What one ecosystem extracted from the files it was given: policies and notices. */
public record Extraction(List<CorsPolicy> policies, List<Notice> notices) {

  public Extraction {
    policies = List.copyOf(policies);
    notices = List.copyOf(notices);
  }

  public static Extraction empty() {
    return new Extraction(List.of(), List.of());
  }
}
