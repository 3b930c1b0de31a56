package dev.corslint.report;

import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.corslint.model.Notice;
import dev.corslint.rules.Finding;
import dev.corslint.rules.RelatedLocation;
import dev.corslint.scan.ScanResult;
import java.io.IOException;
import java.util.Locale;

/**
 * A small JSON document for scripts: every key is always present (null when unknown) and keys come in a
 * fixed order, so that the shape is stable across versions.
 */
public final class JsonReport implements Report {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final ObjectWriter WRITER = JsonMapper.builder().build().writer(JsonStyle.printer());

  @Override
  public void write(ScanResult result, Appendable out) throws IOException {
    out.append(WRITER.writeValueAsString(toJson(result))).append('\n');
  }

  ObjectNode toJson(ScanResult result) {
    ObjectNode root = NODES.objectNode();
    root.putObject("tool").put("name", ToolInfo.NAME).put("version", ToolInfo.version());
    root.put("root", result.root() == null ? null : result.root().toAbsolutePath().normalize().toString());
    Tally tally = Tally.of(result.findings());
    root.putObject("summary")
        .put("errors", tally.errors())
        .put("warnings", tally.warnings())
        .put("notes", tally.notes())
        .put("files", result.filesScanned())
        .put("policies", result.policies())
        .put("suppressed", result.suppressed().size())
        .put("baselined", result.baselined().size());
    ArrayNode findings = root.putArray("findings");
    for (Finding finding : result.findings()) {
      findings.add(finding(finding));
    }
    ArrayNode notices = root.putArray("notices");
    for (Notice notice : result.notices()) {
      notices.addObject()
          .put("level", notice.level().name().toLowerCase(Locale.ROOT))
          .put("message", notice.message())
          .put("file", notice.span() == null ? null : notice.span().file())
          .put("line", notice.span() == null ? null : notice.span().line());
    }
    return root;
  }

  private static ObjectNode finding(Finding finding) {
    ObjectNode node = NODES.objectNode();
    node.put("rule", finding.ruleId())
        .put("level", finding.level().sarifName())
        .put("message", finding.message())
        .put("file", finding.location().file())
        .put("line", finding.location().line())
        .put("column", finding.location().column())
        .put("endLine", finding.location().endLine())
        .put("endColumn", finding.location().endColumn())
        .put("scope", finding.scope());
    ArrayNode related = node.putArray("related");
    for (RelatedLocation location : finding.related()) {
      related.addObject()
          .put("file", location.span().file())
          .put("line", location.span().line())
          .put("column", location.span().column())
          .put("message", location.message());
    }
    return node;
  }
}
