package dev.corslint.model;

/** A three-valued answer: yes, no, or cannot tell statically. */
public enum Tri {
  YES,
  NO,
  UNKNOWN;

  public static Tri of(boolean b) {
    return b ? YES : NO;
  }

  public Tri or(Tri other) {
    if (this == YES || other == YES) return YES;
    if (this == UNKNOWN || other == UNKNOWN) return UNKNOWN;
    return NO;
  }
}
