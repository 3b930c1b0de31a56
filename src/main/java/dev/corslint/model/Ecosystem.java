package dev.corslint.model;

/** The server technologies corslint reads. The display name is what reports show. */
public enum Ecosystem {
  NGINX("nginx"),
  EXPRESS("Express"),
  DJANGO("Django"),
  SPRING("Spring");

  private final String displayName;

  Ecosystem(String displayName) {
    this.displayName = displayName;
  }

  public String displayName() {
    return displayName;
  }
}
