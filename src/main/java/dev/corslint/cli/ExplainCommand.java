package dev.corslint.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.corslint.explain.ExplainRequest;
import dev.corslint.explain.Explainer;
import dev.corslint.explain.Explanation;
import dev.corslint.explain.ExplanationText;
import dev.corslint.scan.FileSelection;
import dev.corslint.scan.RepositoryModel;
import dev.corslint.scan.Scanner;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code corslint explain}: why the browser allows or blocks one request, from the configuration alone. */
@Command(
    name = "explain",
    mixinStandardHelpOptions = true,
    description = {
      "Explains one cross-origin request: finds the scopes that serve the URL, shows the preflight and the actual",
      "response the configuration produces (each header with the line that set it), and the browser's verdict:",
      "allowed, or the exact console error Chromium prints, with the fix in the scope's own syntax."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:the browser allows the request", "1:blocked, or not decidable statically", "2:usage or internal error"})
public final class ExplainCommand implements Callable<Integer> {

  @Parameters(paramLabel = "PATH", arity = "0..1", description = "Repository to read (default: the current directory).")
  Path path;

  @Option(names = "--url", required = true, paramLabel = "URL", description = "The URL the page fetches, or only its path (/api/orders).")
  String url;

  @Option(names = "--origin", required = true, paramLabel = "ORIGIN", description = "The page's origin, e.g. https://app.example.com (or null).")
  String origin;

  @Option(names = {"-X", "--method"}, defaultValue = "GET", paramLabel = "METHOD", description = "The fetch method (default: ${DEFAULT-VALUE}).")
  String method;

  @Option(names = {"-H", "--header"}, paramLabel = "NAME", description = "A request header the page sets (repeatable).")
  List<String> headers = new ArrayList<>();

  @Option(names = "--content-type", paramLabel = "TYPE", description = "The Content-Type the page sends (application/json triggers a preflight).")
  String contentType;

  @Option(names = "--credentials", description = "The page sends cookies (credentials: 'include').")
  boolean credentials;

  @Option(names = {"-f", "--format"}, defaultValue = "text", paramLabel = "FORMAT", description = "text or json (default: ${DEFAULT-VALUE}).")
  String format;

  @Option(names = "--config", paramLabel = "FILE", description = "Configuration file (default: .corslint.yml at the root).")
  Path config;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (!format.equals("text") && !format.equals("json")) {
      throw new CommandLine.ParameterException(spec.commandLine(), "unknown format '" + format + "' (expected text or json)");
    }
    if (!origin.equals("null") && !origin.matches("[a-zA-Z][a-zA-Z0-9+.-]*://[^/]+")) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "'" + origin + "' is not an origin: write scheme://host[:port] with no path, e.g. https://app.example.com");
    }
    Path target = path == null ? Path.of(".") : path;
    if (!Files.exists(target)) {
      throw new CommandLine.ParameterException(spec.commandLine(), "no such file or directory: " + target);
    }
    RepositoryModel model = new Scanner().read(List.of(target), config, FileSelection.all());
    List<String> names = new ArrayList<>();
    for (String h : headers) {
      if (h.equalsIgnoreCase("content-type") && contentType == null) contentType = "application/json";
      else names.add(h);
    }
    ExplainRequest request = new ExplainRequest(url, origin, method, names, contentType, credentials);
    Explanation e = Explainer.explain(request, model.policies());
    PrintWriter out = spec.commandLine().getOut();
    if (format.equals("json")) {
      out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(e));
    } else {
      out.print(ExplanationText.render(e));
    }
    out.flush();
    boolean allowed = !e.scopes().isEmpty() && e.scopes().stream().allMatch(a -> a.verdict().equals("allowed"));
    return allowed ? CorslintCommand.EXIT_CLEAN : CorslintCommand.EXIT_FINDINGS;
  }
}
