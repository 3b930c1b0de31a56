package dev.corslint.ecosystems.django.python;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corslint.ecosystems.django.python.PyValue.Bool;
import dev.corslint.ecosystems.django.python.PyValue.Seq;
import dev.corslint.ecosystems.django.python.PyValue.Str;
import dev.corslint.ecosystems.django.python.PyValue.Unknown;
import dev.corslint.scan.FileSystemSourceTree;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluatorTest {

  @TempDir Path dir;

  private Namespace run(String source) {
    return run(source, null);
  }

  private Namespace run(String source, Boolean debug) {
    PythonModule m = PythonModule.parse("settings.py", source);
    return new Evaluator((from, level, dotted) -> Optional.empty(), name -> Optional.empty(), debug).module(m);
  }

  private static List<String> strings(PyValue v) {
    assertThat(v).isInstanceOf(Seq.class);
    List<String> out = new ArrayList<>();
    for (PyValue i : ((Seq) v).items()) out.add(i instanceof Str s ? s.value() : "<" + i + ">");
    return out;
  }

  @Test
  void literalsAndStringSyntax() {
    Namespace ns = run("""
        A = "plain"
        B = r"^https://\\w+\\.example\\.com$"
        C = 'tab\\tnew\\nline'
        D = "con" 'cat' "enated"
        E = \"\"\"triple\"\"\"
        HOST = "example.com"
        F = f"https://{HOST}:{8443}"
        G = f"{{literal}}"
        """);
    assertThat(ns.value("A")).contains(new Str("plain", ns.value("A").get().span()));
    assertThat(((Str) ns.value("B").get()).value()).isEqualTo("^https://\\w+\\.example\\.com$");
    assertThat(((Str) ns.value("C").get()).value()).isEqualTo("tab\tnew\nline");
    assertThat(((Str) ns.value("D").get()).value()).isEqualTo("concatenated");
    assertThat(((Str) ns.value("E").get()).value()).isEqualTo("triple");
    assertThat(((Str) ns.value("F").get()).value()).isEqualTo("https://example.com:8443");
    assertThat(((Str) ns.value("G").get()).value()).isEqualTo("{literal}");
  }

  @Test
  void listOperationsKeepEachEntrysLine() {
    Namespace ns = run("""
        ORIGINS = ["https://a.example"]
        ORIGINS += ["https://b.example"]
        ORIGINS.append("https://c.example")
        ORIGINS.extend(("https://d.example",))
        ORIGINS.insert(0, "https://first.example")
        MORE = ORIGINS + ["https://e.example"]
        ORIGINS.remove("https://b.example")
        T = (*MORE, "https://f.example")
        """);
    assertThat(strings(ns.value("ORIGINS").get()))
        .containsExactly("https://first.example", "https://a.example", "https://c.example", "https://d.example");
    assertThat(strings(ns.value("T").get())).endsWith("https://e.example", "https://f.example");
    Seq origins = (Seq) ns.value("ORIGINS").get();
    assertThat(origins.items().get(2).span().line()).isEqualTo(3);
    // The name is "set" where it was first assigned.
    assertThat(ns.get("ORIGINS").get().at().line()).isEqualTo(1);
  }

  @Test
  void environmentReadsAreUnknownWithTheirLiteralDefaults() {
    Namespace ns = run("""
        import os
        import environ
        from decouple import config, Csv
        env = environ.Env(DEBUG=(bool, False))
        A = os.environ.get("CORS_ORIGINS", "https://a.example,https://b.example").split(",")
        B = env.list("CORS_ALLOWED_ORIGINS", default=["https://c.example"])
        C = config("ALLOW_ALL", default="True", cast=bool)
        D = os.environ["SECRET"]
        E = env("DEBUG")
        F = config("HOSTS", default="x.example, y.example", cast=Csv())
        G = os.getenv("NO_DEFAULT")
        """);
    Unknown a = (Unknown) ns.value("A").get();
    assertThat(a.reason()).contains("CORS_ORIGINS");
    assertThat(strings(a.fallback())).containsExactly("https://a.example", "https://b.example");
    assertThat(strings(((Unknown) ns.value("B").get()).fallback())).containsExactly("https://c.example");
    assertThat(((Unknown) ns.value("C").get()).fallback()).isInstanceOf(Bool.class);
    assertThat(((Bool) ((Unknown) ns.value("C").get()).fallback()).value()).isTrue();
    assertThat(((Unknown) ns.value("D").get()).fallback()).isNull();
    assertThat(((Bool) ((Unknown) ns.value("E").get()).fallback()).value()).isFalse();
    assertThat(strings(((Unknown) ns.value("F").get()).fallback())).containsExactly("x.example", "y.example");
    assertThat(((Unknown) ns.value("G").get()).fallback()).isNull();
  }

  @Test
  void debugBranchesFollowTheAssumption() {
    String src = """
        DEBUG = False
        ORIGINS = ["https://app.example"]
        if DEBUG:
            ORIGINS += ["http://localhost:3000"]
        else:
            SECURE = True
        ALL = DEBUG
        """;
    assertThat(strings(run(src, true).value("ORIGINS").get())).contains("http://localhost:3000");
    assertThat(strings(run(src, false).value("ORIGINS").get())).containsExactly("https://app.example");
    assertThat(run(src, false).has("SECURE")).isTrue();
    assertThat(((Bool) run(src, true).value("ALL").get()).value()).isTrue();
  }

  @Test
  void unknownConditionsJoinListsAndMarkScalarsUnknown() {
    Namespace ns = run("""
        import os
        if os.environ.get("STAGE") == "prod":
            ORIGINS = ["https://app.example"]
            CRED = True
        else:
            ORIGINS = ["http://localhost:3000"]
            CRED = False
        """);
    assertThat(strings(ns.value("ORIGINS").get())).containsExactly("https://app.example", "http://localhost:3000");
    assertThat(ns.value("CRED").get()).isInstanceOf(Unknown.class);
  }

  @Test
  void comprehensionsOverKnownLists() {
    Namespace ns = run("""
        import os
        RAW = " https://a.example , https://b.example ,"
        ORIGINS = [o.strip() for o in RAW.split(",") if o.strip()]
        FROM_ENV = [o.strip() for o in os.environ.get("X", "https://c.example").split(",")]
        """);
    assertThat(strings(ns.value("ORIGINS").get())).containsExactly("https://a.example", "https://b.example");
    assertThat(strings(((Unknown) ns.value("FROM_ENV").get()).fallback())).containsExactly("https://c.example");
  }

  @Test
  void starImportsBetweenSiblingModulesAndLibraryValues() throws IOException {
    Files.createDirectories(dir.resolve("proj/settings"));
    Files.writeString(dir.resolve("proj/settings/__init__.py"), "");
    Files.writeString(dir.resolve("proj/settings/base.py"), """
        from corsheaders.defaults import default_headers
        ORIGINS = ["https://a.example"]
        HEADERS = list(default_headers) + ["x-api-key"]
        _PRIVATE = 1
        """);
    Files.writeString(dir.resolve("proj/settings/production.py"), """
        from .base import *
        ORIGINS += ["https://b.example"]
        """);
    FileSystemSourceTree tree = new FileSystemSourceTree(dir);
    PythonProgram program = new PythonProgram(tree, new ArrayList<>());
    Evaluator ev = new Evaluator(program, name -> name.equals("corsheaders.defaults.default_headers")
        ? Optional.of(new Seq(Seq.Kind.TUPLE, List.of(new Str("accept", null), new Str("authorization", null)), null))
        : Optional.empty(), null);
    Namespace ns = ev.module(program.module("proj/settings/production.py").orElseThrow());
    assertThat(strings(ns.value("ORIGINS").get())).containsExactly("https://a.example", "https://b.example");
    assertThat(strings(ns.value("HEADERS").get())).containsExactly("accept", "authorization", "x-api-key");
    assertThat(ns.has("_PRIVATE")).isFalse();
    assertThat(((Seq) ns.value("ORIGINS").get()).items().get(0).span().file()).isEqualTo("proj/settings/base.py");
  }

  @Test
  void importCyclesEndWithANotice() throws IOException {
    Files.writeString(dir.resolve("a.py"), "from b import *\nA = 1\n");
    Files.writeString(dir.resolve("b.py"), "from a import *\nB = 2\n");
    PythonProgram program = new PythonProgram(new FileSystemSourceTree(dir), new ArrayList<>());
    Evaluator ev = new Evaluator(program, name -> Optional.empty(), null);
    Namespace ns = ev.module(program.module("a.py").orElseThrow());
    assertThat(ns.has("A")).isTrue();
    assertThat(ns.has("B")).isTrue();
    assertThat(ev.notices()).anyMatch(n -> n.message().contains("import cycle"));
  }

  @Test
  void unicodeColumnsAreUtf16() {
    PythonModule m = PythonModule.parse("s.py", "X = \"é€😀\"; Y = 'z'\n");
    PyNode y = m.root().descendants().stream().filter(n -> n.is("identifier") && n.text().equals("Y")).findFirst().orElseThrow();
    // "X = " 4 + quote 1 + é 1 + € 1 + 😀 2 (surrogates) + quote 1 + "; " 2 => Y at column 13
    assertThat(m.span(y).column()).isEqualTo(13);
  }

  @Test
  void classAttributesBecomeSymbolData() {
    Namespace ns = run("""
        class Config:
            CORS_ORIGINS = ["https://a.example"]
        class Production(Config):
            CORS_SUPPORTS_CREDENTIALS = True
        """);
    PyValue.Symbol prod = (PyValue.Symbol) ns.value("Production").get();
    assertThat(prod.data()).containsKeys("CORS_ORIGINS", "CORS_SUPPORTS_CREDENTIALS");
  }
}
