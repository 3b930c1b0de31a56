package dev.corslint.live.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corslint.explain.Explanation;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which case of an unknown verdict stands for a server that runs without some environment variables. */
class AgreementTest {

  private static Explanation.Case unset(String input, String verdict, String message) {
    String when = input.contains(" and ") ? input + " are unset" : input + " is unset";
    return new Explanation.Case(input, when, null, verdict, message == null ? null : "AllowOriginMismatch", message);
  }

  @Test
  void aCaseAboutVariablesTheServerRunsWithoutAnswersForIt() {
    Explanation.Case c = unset("FRONTEND_ORIGINS and CORS_MAX_AGE", "allowed", null);
    assertThat(Agreement.runningCase(List.of(c), Set.of("CORS_MAX_AGE", "FRONTEND_ORIGINS", "OTHER"))).isEqualTo(c);
  }

  @Test
  void aCaseAboutAVariableTheServerHasDoesNot() {
    Explanation.Case c = unset("FRONTEND_ORIGINS and CORS_MAX_AGE", "allowed", null);
    assertThat(Agreement.runningCase(List.of(c), Set.of("FRONTEND_ORIGINS"))).isNull();
    assertThat(Agreement.runningCase(List.of(c), Set.of())).isNull();
    assertThat(Agreement.runningCase(List.of(), Set.of("FRONTEND_ORIGINS"))).isNull();
  }

  @Test
  void casesThatDisagreeOrTellNothingLeaveTheVerdictUnknown() {
    Explanation.Case allowed = unset("A", "allowed", null);
    Explanation.Case blocked = unset("B", "blocked", "blocked by CORS policy");
    Explanation.Case unknown = unset("B", "unknown", null);
    assertThat(Agreement.runningCase(List.of(allowed, blocked), Set.of("A", "B"))).isNull();
    assertThat(Agreement.runningCase(List.of(unknown), Set.of("B"))).isNull();
    assertThat(Agreement.runningCase(List.of(unknown, allowed), Set.of("A", "B"))).isEqualTo(allowed);
  }
}
