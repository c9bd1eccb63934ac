package dev.aigw.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aigw.testkit.FakeCheapSub;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Exit codes of usage errors and API failures, and that no key ever shows. */
class CliErrorsAndSecretsTest {

  private static Map<String, String> env(FakeCheapSub fake, String key) {
    return Map.of("CHEAPSUB_API_KEY", key, "CHEAPSUB_BASE_URL", fake.baseUrl());
  }

  @Test
  void usageErrorsExitWith2AndSayWhat() {
    Run unknown = Run.fake("image", "nope", "a cat", "--fake");
    assertThat(unknown.code()).isEqualTo(2);
    assertThat(unknown.err()).isEqualTo(
        "aigw: unknown gateway 'nope'; choose one of cheapsub, cloudgpt, gptimagehub, icodeeasy, gptimage2\n");

    Run missing = Run.fake("image", "cheapsub");
    assertThat(missing.code()).isEqualTo(2);
    assertThat(missing.err()).isEqualTo("aigw: missing <prompt>\nTry 'aigw image --help' for more.\n");

    Run noGateway = Run.fake("chat");
    assertThat(noGateway.code()).isEqualTo(2);
    assertThat(noGateway.err()).startsWith("aigw: missing <gateway>: one of cheapsub, cloudgpt");

    Run extra = Run.fake("models", "cheapsub", "extra");
    assertThat(extra.code()).isEqualTo(2);
    assertThat(extra.err()).startsWith("aigw: unexpected argument(s): extra\n");

    Run duration = Run.fake("image", "cheapsub", "a cat", "--timeout", "soon");
    assertThat(duration.code()).isEqualTo(2);
    assertThat(duration.err()).contains("'soon' is not a duration: write 500ms, 90s, 5m, 1h or PT2M");
    assertThat(Run.fake("image", "cheapsub", "a cat", "--timeout", "0s").err()).contains("'0s' is not a positive duration");

    Run option = Run.fake("gateways", "--colour");
    assertThat(option.code()).isEqualTo(2);
    assertThat(option.err()).startsWith("aigw: Unknown option: '--colour'");

    Run keys = Run.fake("keys");
    assertThat(keys.code()).isEqualTo(2);
    assertThat(keys.err()).startsWith("aigw: missing subcommand: list, create or delete");
  }

  @Test
  void requestsTheGatewayRefusesBeforeSendingExitWith2() {
    Run ratio = Run.fake("video", "cheapsub", "waves", "--fake", "--ratio", "16:9");
    assertThat(ratio.code()).isEqualTo(2);
    assertThat(ratio.err()).endsWith("aigw: cheapsub: aspectRatio: is not supported by cheapsub\n");

    Run chat = Run.fake("chat", "icodeeasy", "hello", "--fake");
    assertThat(chat.code()).isEqualTo(2);
    assertThat(chat.err()).endsWith("aigw: icodeeasy does not offer chat completions\n");
  }

  @Test
  void aMissingKeyExitsWith3AndNamesTheVariable() {
    Run run = Run.of(Map.of(), "image", "cheapsub", "a cat");
    assertThat(run.code()).isEqualTo(3);
    assertThat(run.err()).isEqualTo("aigw: CHEAPSUB_API_KEY is not set: export it (aigw reads keys only from the "
        + "environment), or add --fake to use the offline fake of cheapsub\n");
    assertThat(Run.of(Map.of(), "keys", "list").code()).isEqualTo(3);
  }

  @Test
  void aWrongKeyExitsWith3AndIsNeverPrintedEvenVerbose() {
    String secret = "csk_SECRET_wrong_key_0123456789";
    try (FakeCheapSub fake = FakeCheapSub.start()) {
      Run run = Run.of(env(fake, secret), "--verbose", "image", "cheapsub", "a cat");
      assertThat(run.code()).as(run.toString()).isEqualTo(3);
      assertThat(run.out() + run.err()).doesNotContain(secret).doesNotContain("SECRET_wrong");
      assertThat(run.err()).contains("DEBUG").endsWith("aigw: [cheapsub] 403: Invalid API key\n");
    }
  }

  @Test
  void theRightKeyIsNeverPrintedInAnyCommandEvenVerbose() {
    try (FakeCheapSub fake = FakeCheapSub.start()) {
      fake.tasks().pollsToFinish(1);
      Map<String, String> env = env(fake, fake.apiKey());
      StringBuilder all = new StringBuilder();
      for (String[] args : new String[][] {
          {"--verbose", "gateways"}, {"--verbose", "models", "cheapsub"}, {"--verbose", "chat", "cheapsub", "hi"},
          {"--verbose", "--json", "chat", "cheapsub", "hi"},
          {"--verbose", "image", "cheapsub", "a cat", "--poll-interval", "20ms", "-o", "target/secret-test.png"}}) {
        Run run = Run.of(env, args);
        assertThat(run.code()).as(run.toString()).isZero();
        all.append(run.out()).append(run.err());
      }
      assertThat(all).contains("DEBUG").contains("POST").doesNotContain(fake.apiKey());
    }
  }

  @Test
  void withoutVerboseTheDebugLogStaysQuiet() {
    Run run = Run.fake("models", "cheapsub", "--fake");
    assertThat(run.err()).doesNotContain("DEBUG");
  }

  @Test
  void rateLimitsAndEmptyBalancesExitWith4() {
    try (FakeCheapSub fake = FakeCheapSub.start()) {
      fake.faults().rateLimitNext(3600);
      Run limited = Run.of(env(fake, fake.apiKey()), "image", "cheapsub", "a cat");
      assertThat(limited.code()).as(limited.toString()).isEqualTo(4);
      assertThat(limited.err()).startsWith("aigw: ").contains("429");

      fake.balance(BigDecimal.ZERO);
      Run broke = Run.of(env(fake, fake.apiKey()), "image", "cheapsub", "a cat");
      assertThat(broke.code()).as(broke.toString()).isEqualTo(4);
    }
  }

  @Test
  void otherApiErrorsAndFailedTasksExitWith5() {
    try (FakeCheapSub fake = FakeCheapSub.start()) {
      fake.faults().failNext(1, 500);
      Run server = Run.of(env(fake, fake.apiKey()), "image", "cheapsub", "a cat");
      assertThat(server.code()).as(server.toString()).isEqualTo(5);
      assertThat(server.err()).startsWith("aigw: ").contains("500");

      fake.tasks().pollsToFinish(1).failNext("the cat ran away");
      Map<String, String> env = new HashMap<>(env(fake, fake.apiKey()));
      Run failed = Run.of(env, "image", "cheapsub", "a cat", "--poll-interval", "20ms");
      assertThat(failed.code()).as(failed.toString()).isEqualTo(5);
      assertThat(failed.err()).contains("the cat ran away");
    }
  }

  @Test
  void exitCodesOfFailuresTheFakesDoNotMake() {
    assertThat(ExitCodes.of(new dev.aigw.core.error.ConnectionException("cheapsub", "timeout", true,
        new java.net.SocketTimeoutException("read timed out")))).isEqualTo(6);
    assertThat(ExitCodes.of(new dev.aigw.core.error.ConnectionException("cheapsub", "refused", false,
        new java.net.ConnectException("refused")))).isEqualTo(5);
    assertThat(ExitCodes.of(new IllegalStateException("bug"))).isEqualTo(1);
    assertThat(Aigw.message(new IllegalStateException())).isEqualTo("IllegalStateException");
  }
}
