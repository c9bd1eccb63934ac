package dev.aigw.cloudgpt;

import static dev.aigw.cloudgpt.CloudGptWire.binary;
import static dev.aigw.cloudgpt.CloudGptWire.fixture;
import static dev.aigw.cloudgpt.CloudGptWire.ok;
import static dev.aigw.cloudgpt.CloudGptWire.sse;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aigw.core.chat.ChatStream;
import dev.aigw.core.http.RateLimit;
import dev.aigw.core.http.RawResponse;
import java.time.Instant;
import java.util.function.Function;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Rate limits (doc section "Rate Limits"): {@code X-RateLimit-Remaining} and {@code
 * X-RateLimit-Reset} (a Unix timestamp) are exposed on the answer of every call that carries
 * them. The doc gives no example values; these are made up.
 */
class CloudGptRateLimitWireTest {
  @StartStop final MockWebServer server = new MockWebServer();

  static final long RESET = 1_767_225_660L;

  /** Every call with a raw view, and an answer for it. */
  enum Call {
    CHAT(ok(fixture("chat-response.json")), c -> c.chat().withRawResponse().create(CloudGptChatWireTest.curlExample())),
    IMAGE(binary("image/png", CloudGptImagesWireTest.PNG),
        c -> c.images().withRawResponse().submit(CloudGptImagesWireTest.requestBodyExample())),
    VIDEO(binary("video/mp4", CloudGptVideosWireTest.MP4),
        c -> c.videos().withRawResponse().submit(CloudGptVideosWireTest.requestBodyExample())),
    CHAT_MODELS(ok(fixture("models-chat-response.json")), c -> c.models().withRawResponse().chat()),
    IMAGE_MODELS(ok(fixture("models-image-response.json")), c -> c.models().withRawResponse().image()),
    VIDEO_MODELS(ok(fixture("models-video-response.json")), c -> c.models().withRawResponse().video()),
    KEY_CREATE(ok(fixture("keys-create-response.json")), c -> c.keys().withRawResponse().create("k")),
    KEY_LIST(ok(fixture("keys-list-response.json")), c -> c.keys().withRawResponse().list()),
    KEY_DELETE(ok(fixture("keys-delete-response.json")), c -> c.keys().withRawResponse().delete("key_abc123"));

    final MockResponse answer;
    final Function<CloudGptClient, RawResponse<?>> call;

    Call(MockResponse answer, Function<CloudGptClient, RawResponse<?>> call) {
      this.answer = answer;
      this.call = call;
    }
  }

  private RawResponse<?> send(Call call, String remaining, String reset) {
    MockResponse.Builder answer = call.answer.newBuilder();
    if (remaining != null) {
      answer.setHeader("X-RateLimit-Remaining", remaining);
    }
    if (reset != null) {
      answer.setHeader("X-RateLimit-Reset", reset);
    }
    server.enqueue(answer.build());
    try (CloudGptClient client = CloudGptWire.client(server)) {
      return call.call.apply(client);
    }
  }

  @ParameterizedTest
  @EnumSource(Call.class)
  void everyAnswerExposesRemainingAndReset(Call call) {
    RateLimit limit = send(call, "57", String.valueOf(RESET)).rateLimit();

    assertThat(limit.remaining()).isEqualTo(57);
    assertThat(limit.remainingValue()).hasValue(57);
    assertThat(limit.reset()).isEqualTo(Instant.ofEpochSecond(RESET));
    assertThat(limit.limitValue()).as("CloudGPT documents no limit header").isEmpty();
  }

  @Test
  void anAnswerWithoutTheHeadersHasNoRateLimit() {
    assertThat(send(Call.CHAT, null, null).rateLimit()).isEqualTo(RateLimit.NONE);
    assertThat(send(Call.CHAT, null, null).rateLimit().isEmpty()).isTrue();
  }

  @Test
  void aResetInMillisecondsIsUnderstood() {
    RateLimit limit = send(Call.IMAGE, "3", String.valueOf(RESET * 1000)).rateLimit();
    assertThat(limit.reset()).isEqualTo(Instant.ofEpochSecond(RESET));
  }

  /**
   * The deployed server: {@code X-RateLimit-Remaining} counted from 60 whatever the endpoint's real
   * limit (an image answer says 59 where the limit is 30), the reset in epoch milliseconds. aigw
   * reports the count as sent and derives no limit from it.
   */
  @Test
  void theDeployedHeadersAreReportedAsSentWithoutAMadeUpLimit() {
    RateLimit limit = send(Call.IMAGE, "59", String.valueOf(RESET * 1000 + 250)).rateLimit();

    assertThat(limit.remaining()).isEqualTo(59);
    assertThat(limit.limitValue()).isEmpty();
    assertThat(limit.reset()).isEqualTo(Instant.ofEpochMilli(RESET * 1000 + 250));
  }

  @Test
  void aStreamWithoutTheHeadersHasAnEmptyRateLimit() {
    server.enqueue(sse(CloudGptChatWireTest.STREAM));
    try (CloudGptClient client = CloudGptWire.client(server);
        ChatStream stream = client.chat().stream(CloudGptChatWireTest.curlExample())) {
      assertThat(stream.rateLimit()).isEqualTo(RateLimit.NONE);
      assertThat(stream.text()).isEqualTo("Silicon dreams awake.");
    }
  }

  @Test
  void aStreamedChatExposesThemOnTheStream() {
    server.enqueue(sse(CloudGptChatWireTest.STREAM).newBuilder().setHeader("X-RateLimit-Remaining", "9")
        .setHeader("X-RateLimit-Reset", String.valueOf(RESET)).build());
    try (CloudGptClient client = CloudGptWire.client(server);
        ChatStream stream = client.chat().stream(CloudGptChatWireTest.curlExample())) {
      assertThat(stream.rateLimit().remaining()).isEqualTo(9);
      assertThat(stream.rateLimit().reset()).isEqualTo(Instant.ofEpochSecond(RESET));
      assertThat(stream.text()).isEqualTo("Silicon dreams awake.");
    }
  }
}
