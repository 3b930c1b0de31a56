package dev.corslint.model;

/** Whether a configuration is clearly meant for development only; anything not clearly so counts as production. */
public enum Environment {
  PRODUCTION,
  DEVELOPMENT
}
