package dev.corslint.model;

/** The server technologies corslint reads. The display name is what reports show; Django, Flask and FastAPI are Python. */
public enum Ecosystem {
  NGINX("nginx"),
  EXPRESS("Express"),
  DJANGO("Python"),
  SPRING("Spring");

  private final String displayName;

  Ecosystem(String displayName) {
    this.displayName = displayName;
  }

  public String displayName() {
    return displayName;
  }
}
