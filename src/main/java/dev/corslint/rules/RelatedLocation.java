package dev.corslint.rules;

import dev.corslint.model.SourceSpan;

/** A location that proves a finding without being the line to change, with a short message of its own. */
public record RelatedLocation(SourceSpan span, String message) {}
