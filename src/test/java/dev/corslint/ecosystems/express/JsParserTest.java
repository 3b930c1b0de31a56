package dev.corslint.ecosystems.express;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corslint.model.Notice;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsParserTest {

  @Test
  void offsetsAreUtf16AndLinesOneBased() {
    String text = "const a = '😀é';\nconst b = 'x';\n";
    JsParser.Parsed p = JsParser.parse("f.js", text, new ArrayList<>());
    JsNode second = p.root().namedChildren().get(1);
    assertThat(second.line()).isEqualTo(2);
    assertThat(second.text()).isEqualTo("const b = 'x';");
    JsNode str = p.root().namedChildren().get(0).namedChildren().get(0).child("value");
    assertThat(str.text()).isEqualTo("'😀é'");
    assertThat(str.span().column()).isEqualTo(11);
    assertThat(str.span().endColumn()).isEqualTo(11 + "'😀é'".length());
  }

  @Test
  void typeScriptSyntaxParsesWithTheTypeScriptGrammar() {
    List<Notice> notices = new ArrayList<>();
    JsParser.Parsed p = JsParser.parse("a.ts", "const x: number = <any>y as const; enum E { A }\n", notices);
    assertThat(p.errors()).isZero();
    assertThat(p.dialect()).isEqualTo(JsParser.Dialect.TYPESCRIPT);
    assertThat(notices).isEmpty();
  }

  @Test
  void deeplyNestedInputDoesNotOverflowTheStack() {
    String deep = "x = " + "[".repeat(20_000) + "]".repeat(20_000) + ";\n";
    List<Notice> notices = new ArrayList<>();
    JsParser.Parsed p = JsParser.parse("deep.js", deep, notices);
    assertThat(p).isNotNull();
  }

  @Test
  void syntaxErrorsKeepTheIntactPartsAndSayWhere() {
    List<Notice> notices = new ArrayList<>();
    JsParser.Parsed p = JsParser.parse("e.js", "app.use(cors());\nconst = ;\napp.get('/x', h);\n", notices);
    assertThat(p.errors()).isPositive();
    assertThat(p.root().namedChildren()).anyMatch(n -> n.text().startsWith("app.get"));
    assertThat(notices).anyMatch(n -> n.message().startsWith("syntax error") && n.span().line() == 2);
  }
}
