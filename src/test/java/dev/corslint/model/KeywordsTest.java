package dev.corslint.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class KeywordsTest {

  @Test
  void findsWordsThatOverlapOrShareAPrefix() {
    Keywords k = Keywords.of("Access-Control-", "ACCESS_CONTROL_", "cors", "corsOptions", "rs(");
    assertThat(k.foundIn("app.use(cors())")).isTrue();
    assertThat(k.foundIn("res.set('Access-Control-Allow-Origin', o)")).isTrue();
    // the failure link from "cor" must still see "rs(" that starts inside it
    assertThat(k.foundIn("xcors(")).isTrue();
    assertThat(k.foundIn("Access-Control")).isFalse();
    assertThat(k.foundIn("")).isFalse();
    assertThat(k.foundIn("Cors COR ACCESS-CONTROL-")).isFalse();
  }

  @Test
  void bytesOfUtf8TextMatchLikeTheText() {
    Keywords k = Keywords.of("cors");
    byte[] text = "// é ✓ 🙂 cors".getBytes(StandardCharsets.UTF_8);
    assertThat(k.foundIn(text)).isTrue();
    assertThat(k.foundIn(text, 0, text.length - 1)).isFalse();
    assertThat(k.foundIn("é ✓ 🙂 cor")).isFalse();
  }

  @Test
  void refusesWordsItCannotMatchOnBytes() {
    assertThatThrownBy(() -> Keywords.of("")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Keywords.of("café")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Keywords.of(List.of())).isInstanceOf(IllegalArgumentException.class);
  }

  /** The automaton answers exactly what a search for each word would. */
  @Property(tries = 500)
  void agreesWithSearchingEachWord(@ForAll("wordLists") List<String> words, @ForAll("texts") String text) {
    Keywords k = Keywords.of(words);
    boolean expected = words.stream().anyMatch(text::contains);
    assertThat(k.foundIn(text)).isEqualTo(expected);
    assertThat(k.foundIn(text.getBytes(StandardCharsets.UTF_8))).isEqualTo(expected);
  }

  @Provide
  Arbitrary<List<String>> wordLists() {
    return Arbitraries.strings().withChars("abc-(").ofMinLength(1).ofMaxLength(4).list().ofMinSize(1).ofMaxSize(6);
  }

  @Provide
  Arbitrary<String> texts() {
    return Arbitraries.strings().withChars("abc-(é✓ \n").ofMaxLength(40);
  }
}
