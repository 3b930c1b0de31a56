package dev.corslint.ecosystems.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corslint.model.Notice;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConfigReaderTest {

  private static List<ConfigDocument> read(String name, String text, List<Notice> notices) {
    return ConfigReader.read("src/main/resources/" + name, name, text, notices);
  }

  @Test
  void yamlFlattensToCanonicalKeysWithTheValueLine() {
    List<Notice> notices = new ArrayList<>();
    List<ConfigDocument> docs = read("application.yml", """
        spring:
          cloud:
            gateway:
              globalcors:
                cors-configurations:
                  '[/**]':
                    allowedOrigins:
                      - "https://app.example.com"
                      - https://admin.example.com
                    allow-credentials: true
        """, notices);
    assertThat(notices).isEmpty();
    assertThat(docs).hasSize(1);
    var props = docs.get(0).properties();
    Entry first = props.get("spring.cloud.gateway.globalcors.corsconfigurations.[/**].allowedorigins.[0]");
    assertThat(first.text()).isEqualTo("https://app.example.com");
    assertThat(first.span().line()).isEqualTo(8);
    assertThat(first.span().column()).isEqualTo(17);
    assertThat(props).containsKey("spring.cloud.gateway.globalcors.corsconfigurations.[/**].allowcredentials");
  }

  @Test
  void documentsCarryTheirProfile() {
    List<ConfigDocument> docs = read("application.yml", """
        app.cors.origins: https://app.example.com
        ---
        spring:
          config:
            activate:
              on-profile: local | dev
        app.cors.origins: http://localhost:5173
        ---
        spring.profiles: "!prod"
        app.debug: true
        """, new ArrayList<>());
    assertThat(docs).hasSize(3);
    SpringProperties none = new SpringProperties(docs, Set.of());
    SpringProperties dev = new SpringProperties(docs, Set.of("dev"));
    SpringProperties prod = new SpringProperties(docs, Set.of("prod"));
    assertThat(none.scalar("app.cors.origins").orElseThrow().text()).isEqualTo("https://app.example.com");
    assertThat(dev.scalar("app.cors.origins").orElseThrow().text()).isEqualTo("http://localhost:5173");
    assertThat(none.scalar("app.debug")).isPresent();
    assertThat(prod.scalar("app.debug")).isEmpty();
  }

  @Test
  void profileFilesOverrideAndPropertiesBeatYaml() {
    List<ConfigDocument> docs = new ArrayList<>();
    docs.addAll(read("application.yml", "cors:\n  origins: https://yml.example.com\n", new ArrayList<>()));
    docs.addAll(read("application.properties", "cors.origins=https://props.example.com\n", new ArrayList<>()));
    docs.addAll(read("application-dev.properties", "# dev\ncors.origins = http://localhost:3000,\\\n  http://127.0.0.1:3000\n", new ArrayList<>()));
    assertThat(new SpringProperties(docs, Set.of()).scalar("cors.origins").orElseThrow().text()).isEqualTo("https://props.example.com");
    SpringProperties dev = new SpringProperties(docs, Set.of("dev"));
    List<Entry> list = dev.list("cors.origins").orElseThrow();
    assertThat(list).extracting(Entry::text).containsExactly("http://localhost:3000", "http://127.0.0.1:3000");
    assertThat(list.get(0).span().line()).isEqualTo(2);
    assertThat(list.get(0).span().column()).isEqualTo(16);
  }

  @Test
  void multiDocumentPropertiesFiles() {
    List<ConfigDocument> docs = read("application.properties", """
        cors.origins=https://app.example.com
        #---
        spring.config.activate.on-profile=test
        cors.origins=http://localhost:8080
        """, new ArrayList<>());
    assertThat(docs).hasSize(2);
    assertThat(docs.get(1).onProfile()).isEqualTo("test");
    assertThat(new SpringProperties(docs, Set.of("test")).scalar("cors.origins").orElseThrow().span().line()).isEqualTo(4);
  }

  @Test
  void aliasBombIsRefusedWithANotice() {
    StringBuilder bomb = new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
    char prev = 'a';
    for (char c = 'b'; c <= 'i'; c++) {
      bomb.append(c).append(": &").append(c).append(" [");
      for (int k = 0; k < 9; k++) bomb.append(k == 0 ? "" : ",").append('*').append(prev);
      bomb.append("]\n");
      prev = c;
    }
    List<Notice> notices = new ArrayList<>();
    long start = System.nanoTime();
    List<ConfigDocument> docs = read("application.yml", bomb.toString(), notices);
    assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(5_000);
    assertThat(docs).isEmpty();
    assertThat(notices).singleElement().satisfies(n -> assertThat(n.message()).startsWith("refused: too many aliases"));
  }

  @Test
  void aliasesUnderTheLimitThatStillExpandAreStoppedByTheBudget() {
    // 2 aliases per level, 24 levels: 48 aliases, 2^24 leaves
    StringBuilder yaml = new StringBuilder("l0: &l0 [x, y]\n");
    for (int i = 1; i <= 24; i++) yaml.append("l").append(i).append(": &l").append(i).append(" [*l").append(i - 1).append(", *l").append(i - 1).append("]\n");
    List<Notice> notices = new ArrayList<>();
    List<ConfigDocument> docs = read("application.yml", yaml.toString(), notices);
    assertThat(docs).isEmpty();
    assertThat(notices).singleElement().satisfies(n -> assertThat(n.message()).contains("alias bomb"));
  }

  @Test
  void mergeKeysAreFollowed() {
    List<ConfigDocument> docs = read("application.yml", """
        defaults: &defaults
          allowed-methods: GET,POST
          max-age: 3600
        management:
          endpoints:
            web:
              cors:
                <<: *defaults
                allowed-origins: https://ops.example.com
        """, new ArrayList<>());
    var props = docs.get(0).properties();
    assertThat(props.get("management.endpoints.web.cors.maxage").text()).isEqualTo("3600");
    assertThat(props.get("management.endpoints.web.cors.allowedorigins").text()).isEqualTo("https://ops.example.com");
  }

  @Test
  void brokenYamlIsANoticeWithTheLine() {
    List<Notice> notices = new ArrayList<>();
    read("application.yml", "server:\n  port: 8080\n  ssl: [unclosed\n", notices);
    assertThat(notices).singleElement().satisfies(n -> {
      assertThat(n.message()).startsWith("cannot parse YAML");
      assertThat(n.span().line()).isGreaterThan(1);
    });
  }
}
