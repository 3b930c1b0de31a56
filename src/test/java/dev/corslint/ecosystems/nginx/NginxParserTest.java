package dev.corslint.ecosystems.nginx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corslint.model.Notice;
import dev.corslint.model.SourceSpan;
import java.util.List;
import org.junit.jupiter.api.Test;

class NginxParserTest {

  private static ParsedFile parse(String text) {
    return NginxParser.parse(text, "conf/test.conf");
  }

  private static Directive only(List<Directive> ds, String name) {
    List<Directive> found = ds.stream().filter(d -> d.is(name)).toList();
    assertThat(found).as("directives named %s", name).hasSize(1);
    return found.get(0);
  }

  @Test
  void quotedStringsResolveEscapesLikeNginx() {
    ParsedFile p = parse("""
        add_header X-A "a \\"quoted\\" \\\\ value\\tTab" always;
        add_header X-B 'single \\' quote';
        add_header X-C plain\\ word;
        add_header X-D "^https://(www\\.)?example\\.com$";
        """);
    assertThat(p.notices()).isEmpty();
    List<Directive> ds = p.directives();
    assertThat(ds.get(0).args()).extracting(Arg::value)
        .containsExactly("X-A", "a \"quoted\" \\ value\tTab", "always");
    assertThat(ds.get(0).args().get(1).quoted()).isTrue();
    assertThat(ds.get(0).args().get(1).raw()).isEqualTo("\"a \\\"quoted\\\" \\\\ value\\tTab\"");
    assertThat(ds.get(1).arg(1)).isEqualTo("single ' quote");
    assertThat(ds.get(2).arg(1)).isEqualTo("plain\\ word");
    // backslashes before other characters stay: regexes need them
    assertThat(ds.get(3).arg(1)).isEqualTo("^https://(www\\.)?example\\.com$");
  }

  @Test
  void spansPointAtDirectivesAndArguments() {
    ParsedFile p = parse("server {\n    add_header Access-Control-Allow-Origin *;\n}\n");
    Directive server = only(p.directives(), "server");
    Directive add = server.block().get(0);
    assertThat(server.span()).isEqualTo(new SourceSpan("conf/test.conf", 1, 1, 1, 9));
    assertThat(add.span()).isEqualTo(new SourceSpan("conf/test.conf", 2, 5, 2, 46));
    assertThat(add.args().get(1).span()).isEqualTo(new SourceSpan("conf/test.conf", 2, 44, 2, 45));
  }

  @Test
  void regexLocationsAndConditionsWithBracesAndSemicolons() {
    ParsedFile p = parse("""
        server {
            location ~* \\.(js|css)$ { return 200; }
            location ~ "^/api/(v1|v2)/[0-9]{1,3}$" { return 201; }
            if ($http_origin ~* "^https://([a-z]{2,10})\\.example\\.com;x$") { set $ok 1; }
            if ($request_method !~ ^(GET|POST)$) { return 405; }
        }
        """);
    assertThat(p.notices()).isEmpty();
    List<Directive> ds = only(p.directives(), "server").block();
    assertThat(ds.get(0).args()).extracting(Arg::value).containsExactly("~*", "\\.(js|css)$");
    assertThat(ds.get(1).args()).extracting(Arg::value).containsExactly("~", "^/api/(v1|v2)/[0-9]{1,3}$");
    assertThat(ds.get(2).args()).extracting(Arg::value)
        .containsExactly("($http_origin", "~*", "^https://([a-z]{2,10})\\.example\\.com;x$", ")");
    assertThat(ds.get(2).block()).extracting(Directive::name).containsExactly("set");
    assertThat(ds.get(3).args()).extracting(Arg::value).containsExactly("($request_method", "!~", "^(GET|POST)$)");
  }

  @Test
  void variablesKeepTheirBracesInsideWords() {
    ParsedFile p = parse("set $cors \"${scheme}://${host}\"; add_header X ${http_origin}suffix;");
    assertThat(p.notices()).isEmpty();
    assertThat(p.directives().get(0).arg(1)).isEqualTo("${scheme}://${host}");
    assertThat(p.directives().get(1).arg(1)).isEqualTo("${http_origin}suffix");
  }

  @Test
  void mapBlocksWithRegexKeysAndSpecialParameters() {
    ParsedFile p = parse("""
        map $http_origin $cors {
            hostnames;
            volatile;
            default "";
            ~^https://a\\.example$ $http_origin;
            "~*^https://(b|c)\\.example$" $http_origin;
            \\default literal-key;
            include conf/origins.map;
        }
        """);
    assertThat(p.notices()).isEmpty();
    Directive map = only(p.directives(), "map");
    assertThat(map.args()).extracting(Arg::value).containsExactly("$http_origin", "$cors");
    assertThat(map.block()).extracting(Directive::name).containsExactly("hostnames", "volatile", "default",
        "~^https://a\\.example$", "~*^https://(b|c)\\.example$", "\\default", "include");
  }

  @Test
  void luaBlocksAreSkippedWholeWhateverBracesTheyHold() {
    ParsedFile p = parse("""
        server {
            content_by_lua_block {
                local s = "}"  -- a comment with }
                local t = '{'
                --[[ a long comment }
                   over lines ]]
                local u = [==[ ]] } ]==]
                if x then y = { a = { 1 } } end
            }
            set_by_lua_block $value { return "}" }
            add_header X-After lua;
        }
        location /next { return 204; }
        """);
    assertThat(p.notices()).isEmpty();
    List<Directive> server = only(p.directives(), "server").block();
    assertThat(server).extracting(Directive::name)
        .containsExactly("content_by_lua_block", "set_by_lua_block", "add_header");
    assertThat(server.get(0).rawBlock()).isTrue();
    assertThat(server.get(1).args()).extracting(Arg::value).containsExactly("$value");
    assertThat(p.directives()).extracting(Directive::name).containsExactly("server", "location");
  }

  @Test
  void hashStartsACommentOnlyWhereAWordCouldStart() {
    ParsedFile p = parse("""
        # a comment { with braces ;
        add_header X-Color "#fff"; # trailing comment
        add_header X-Anchor a#b;
        add_header X-Lost #fff;
        add_header X-Next 1;
        """);
    assertThat(p.notices()).isEmpty();
    assertThat(p.directives()).hasSize(3);
    assertThat(p.directives().get(0).arg(1)).isEqualTo("#fff");
    assertThat(p.directives().get(1).arg(1)).isEqualTo("a#b");
    // as in nginx, "#fff;" is a comment that swallows the ';': the directive runs on into the next line
    assertThat(p.directives().get(2).args()).extracting(Arg::value)
        .containsExactly("X-Lost", "add_header", "X-Next", "1");
  }

  @Test
  void aSyntaxErrorIsReportedWithItsLineAndTheNextServerSurvives() {
    ParsedFile p = parse("""
        server {
            listen 80;
            location / {
                add_header X-A "a" always
            }
            ; ;
        }
        server {
            server_name second.example;
            location /api/ { add_header Access-Control-Allow-Origin *; }
        }
        """);
    assertThat(p.notices()).extracting(Notice::level).containsOnly(Notice.Level.ERROR);
    assertThat(p.notices()).extracting(n -> n.span().line()).containsExactly(5, 6, 6);
    assertThat(p.notices().get(0).message()).contains("unexpected \"}\"").contains("expecting \";\"");
    List<Directive> servers = p.directives().stream().filter(d -> d.is("server")).toList();
    assertThat(servers).hasSize(2);
    // the directive cut short by '}' is kept as if its ';' were there
    Directive first = servers.get(0).block().get(1).block().get(0);
    assertThat(first.args()).extracting(Arg::value).containsExactly("X-A", "a", "always");
    assertThat(servers.get(1).block().get(1).block()).extracting(Directive::name).containsExactly("add_header");
  }

  @Test
  void aStrayBlockIsDroppedAndItsNeighboursStay() {
    ParsedFile p = parse("server { add_header A 1; { inner 2; } add_header B 3; }\n}\nlocation /x { }");
    assertThat(p.notices()).extracting(Notice::message).containsExactly(
        "nginx syntax error: unexpected \"{\": a block without a directive name; the block is skipped",
        "nginx syntax error: unexpected \"}\"");
    assertThat(p.directives().get(0).block()).extracting(d -> d.arg(0)).containsExactly("A", "B");
    assertThat(p.directives()).extracting(Directive::name).containsExactly("server", "location");
  }

  @Test
  void anUnterminatedStringDropsItsDirectiveOnly() {
    ParsedFile p = parse("server {\n  add_header A 1;\n  add_header B \"unterminated;\n}\n");
    assertThat(p.notices()).hasSize(1);
    assertThat(p.notices().get(0).message()).contains("unterminated quoted string");
    assertThat(p.notices().get(0).span().line()).isEqualTo(3);
    assertThat(p.directives().get(0).block()).extracting(d -> d.arg(0)).containsExactly("A");
  }

  @Test
  void aMissingCloseBraceAtTheEndKeepsWhatWasRead() {
    ParsedFile p = parse("server {\n  location /a {\n    add_header A 1;\n");
    assertThat(p.notices()).isNotEmpty();
    assertThat(p.notices().get(0).message()).contains("unexpected end of file");
    Directive loc = p.directives().get(0).block().get(0);
    assertThat(loc.block()).extracting(d -> d.arg(0)).containsExactly("A");
  }

  @Test
  void aForgottenSemicolonBeforeABlockDirectiveSplitsTheTwo() {
    ParsedFile p = parse("server {\n  listen 80\n  location / { return 204; }\n}\n");
    assertThat(p.notices()).hasSize(1);
    assertThat(p.notices().get(0).message()).contains("expected \";\" before \"location\"");
    assertThat(p.notices().get(0).span().line()).isEqualTo(3);
    List<Directive> ds = p.directives().get(0).block();
    assertThat(ds).extracting(Directive::name).containsExactly("listen", "location");
    assertThat(ds.get(0).args()).extracting(Arg::value).containsExactly("80");
    assertThat(ds.get(1).block()).extracting(Directive::name).containsExactly("return");
  }

  @Test
  void deepNestingIsCutWithANoticeInsteadOfOverflowingTheStack() {
    String deep = "a {".repeat(10_000) + "}".repeat(10_000) + "\nserver { listen 80; }\n";
    ParsedFile p = parse(deep);
    assertThat(p.notices()).extracting(Notice::message).anyMatch(m -> m.contains("nested deeper than"));
    assertThat(p.directives()).extracting(Directive::name).containsExactly("a", "server");
  }

  @Test
  void unbalancedOpeningBracesAtTheEndAreReportedOnce() {
    ParsedFile p = parse("server {".repeat(5_000));
    assertThat(p.notices()).isNotEmpty();
    assertThat(p.directives()).hasSize(1);
  }

  @Test
  void unterminatedLuaBlockRunsToTheEndWithANotice() {
    ParsedFile p = parse("server {\n content_by_lua_block {\n  local x = 1\n");
    assertThat(p.notices()).extracting(Notice::message).anyMatch(m -> m.contains("Lua block not closed"));
  }
}
