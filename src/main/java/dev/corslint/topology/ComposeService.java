package dev.corslint.topology;

import dev.corslint.model.SourceSpan;
import java.util.List;

/**
 * One service of a Docker Compose file, as far as linking needs it.
 *
 * @param name the service name, which is also its host name on the compose network
 * @param buildDirectory the build context relative to the scan root ({@code ""} for the root itself), or null
 *     when the service runs an image built elsewhere
 * @param containerPorts ports the service publishes or exposes (container side), or binds on its command line
 * @param environmentPort the {@code PORT} the service's environment sets, or null
 * @param span the service's key in the compose file
 */
record ComposeService(String name, String buildDirectory, List<Integer> containerPorts, Integer environmentPort,
    SourceSpan span) {

  ComposeService {
    containerPorts = List.copyOf(containerPorts);
  }

  /** The directory of the compose file: the project whose services it names. */
  String projectDirectory() {
    String file = span.file();
    return file.contains("/") ? file.substring(0, file.lastIndexOf('/')) : "";
  }
}
