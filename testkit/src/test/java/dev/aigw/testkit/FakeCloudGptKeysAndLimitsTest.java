package dev.aigw.testkit;

import static dev.aigw.testkit.RawHttp.get;
import static dev.aigw.testkit.RawHttp.post;
import static dev.aigw.testkit.RawHttp.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Key management and the per-minute rate limits of {@link FakeCloudGpt}, over plain HTTP. */
@Timeout(30)
class FakeCloudGptKeysAndLimitsTest {
  private static final String VIDEO = "{\"prompt\":\"p\",\"model\":\"veo\"}";

  private FakeCloudGpt fake;

  @BeforeEach
  void start() {
    fake = FakeCloudGpt.start();
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  // ----- keys -----

  @Test
  void aCreatedKeyIsShownOnceWorksIsListedByPrefixAndDiesWhenDeleted() throws IOException {
    long before = Instant.now().getEpochSecond();
    RawHttp.Answer created = post(fake, "/api/keys", fake.apiKey(), "{\"name\":\"My Production Key\"}");

    assertThat(created.code()).isEqualTo(200);
    assertThat(created.json()).containsOnlyKeys("id", "key", "name", "created");
    String id = created.string("id");
    String key = created.string("key");
    assertThat(id).startsWith("key_");
    assertThat(key).startsWith("cgpt_");
    assertThat(created.string("name")).isEqualTo("My Production Key");
    assertThat(((Number) created.at("created")).longValue()).isBetween(before, before + 5);
    assertThat(fake.keyIds()).containsExactly("key_default", id);

    assertThat(get(fake, "/api/models/chat", key).code()).as("the new key works").isEqualTo(200);
    RawHttp.Answer list = get(fake, "/api/keys", key);
    assertThat(list.code()).isEqualTo(200);
    assertThat((List<?>) list.at("data")).hasSize(2);
    assertThat(list.at("data", 1, "id")).isEqualTo(id);
    assertThat(list.at("data", 1, "name")).isEqualTo("My Production Key");
    assertThat(list.at("data", 1, "prefix")).isEqualTo(key.substring(0, 8) + "...");
    assertThat(((Number) list.at("data", 1, "lastUsed")).longValue()).isBetween(before, before + 5);
    assertThat(list.body()).doesNotContain(key).doesNotContain(fake.apiKey());
    assertThat(list.at("data", 0, "id")).isEqualTo("key_default");

    RawHttp.Answer deleted = send("DELETE", fake.baseUrl() + "/api/keys/" + id, "Bearer " + fake.apiKey(), null);
    assertThat(deleted.code()).isEqualTo(200);
    assertThat(deleted.json()).isEqualTo(Map.of("deleted", true, "id", id));
    assertThat(fake.keyIds()).containsExactly("key_default");
    RawHttp.Answer refused = get(fake, "/api/models/chat", key);
    assertThat(refused.code()).isEqualTo(401);
    assertThat(refused.at("error", "message")).isEqualTo("API key has been deleted");
    assertThat(refused.at("error", "code")).isEqualTo("invalid_api_key");
  }

  @Test
  void aNeverUsedKeyHasNoLastUsed() throws IOException {
    post(fake, "/api/keys", fake.apiKey(), "{\"name\":\"spare\"}");

    RawHttp.Answer list = get(fake, "/api/keys", fake.apiKey());
    @SuppressWarnings("unchecked")
    Map<String, Object> spare = (Map<String, Object>) list.at("data", 1);
    assertThat(spare).containsKeys("id", "name", "prefix", "created").doesNotContainKey("lastUsed");
  }

  @Test
  void aKeyNeedsANameAndOnlyExistingKeysCanBeDeleted() throws IOException {
    RawHttp.Answer nameless = post(fake, "/api/keys", fake.apiKey(), "{}");
    RawHttp.Answer unknown = send("DELETE", fake.baseUrl() + "/api/keys/key_nope", "Bearer " + fake.apiKey(), null);

    assertThat(nameless.code()).isEqualTo(400);
    assertThat(nameless.at("error", "message")).isEqualTo("name is required");
    assertThat(unknown.code()).isEqualTo(404);
    assertThat(unknown.at("error", "code")).isEqualTo("key_not_found");
    assertThat(unknown.at("error", "message")).isEqualTo("API key not found: key_nope");
  }

  // ----- rate limits -----

  @Test
  void everyLimitedAnswerCarriesRemainingAndAResetAtTheEndOfTheMinute() throws IOException {
    long now = Instant.now().getEpochSecond();
    RawHttp.Answer first = post(fake, "/api/video", fake.apiKey(), VIDEO);
    RawHttp.Answer second = post(fake, "/api/video", fake.apiKey(), VIDEO);

    assertThat(first.headers().get("X-RateLimit-Remaining")).isEqualTo("9");
    assertThat(second.headers().get("X-RateLimit-Remaining")).isEqualTo("8");
    long reset = Long.parseLong(first.headers().get("X-RateLimit-Reset"));
    assertThat(reset).isBetween(now + 59, now + 62);
    assertThat(second.headers().get("X-RateLimit-Reset")).isEqualTo(first.headers().get("X-RateLimit-Reset"));
  }

  @Test
  void anonymousCallersGetTheLowerDocumentedLimitsAndThen429() throws IOException {
    RawHttp.Answer one = post(fake, "/api/video", null, VIDEO);
    RawHttp.Answer two = post(fake, "/api/video", null, VIDEO);
    RawHttp.Answer three = post(fake, "/api/video", null, VIDEO);

    assertThat(one.headers().get("X-RateLimit-Remaining")).isEqualTo("1");
    assertThat(two.code()).isEqualTo(200);
    assertThat(two.headers().get("X-RateLimit-Remaining")).isEqualTo("0");
    assertThat(three.code()).isEqualTo(429);
    assertThat(three.headers().get("X-RateLimit-Remaining")).isEqualTo("0");
    assertThat(three.headers().get("X-RateLimit-Reset")).isEqualTo(one.headers().get("X-RateLimit-Reset"));
    assertThat(three.at("error", "message")).isEqualTo("Rate limit exceeded");
    assertThat(post(fake, "/api/video", fake.apiKey(), VIDEO).code()).as("a keyed caller has its own window").isEqualTo(200);
    assertThat(FakeCloudGpt.ANONYMOUS_LIMITS).isEqualTo(Map.of("chat", 10, "image", 5, "video", 2));
    assertThat(FakeCloudGpt.KEYED_LIMITS).isEqualTo(Map.of("chat", 60, "image", 30, "video", 10));
  }

  @Test
  void eachEndpointCountsOnItsOwn() throws IOException {
    RawHttp.Answer image = post(fake, "/api/image", null, "{\"prompt\":\"p\",\"model\":\"flux\",\"width\":4,\"height\":4}");
    RawHttp.Answer chat = post(fake, "/api/chat", null, FakeCloudGptRoutingTest.HAIKU);

    assertThat(image.headers().get("X-RateLimit-Remaining")).isEqualTo("4");
    assertThat(chat.headers().get("X-RateLimit-Remaining")).isEqualTo("9");
  }

  @Test
  void plain429sExplainTheLimit() throws IOException {
    fake.errorStyle(FakeCloudGpt.ErrorStyle.PLAIN).rateLimit("image", 1, 1);
    post(fake, "/api/image", null, "{\"prompt\":\"p\",\"model\":\"flux\",\"width\":4,\"height\":4}");
    RawHttp.Answer refused = post(fake, "/api/image", null, "{\"prompt\":\"p\",\"model\":\"flux\",\"width\":4,\"height\":4}");

    assertThat(refused.code()).isEqualTo(429);
    assertThat(refused.json()).containsEntry("error", "Rate limit exceeded");
    assertThat(refused.string("details")).matches("Anonymous users may make 1 image requests per minute; try again in \\d+ seconds");
  }

  @Test
  void limitsCanBeChangedAndWindowsReset() throws IOException {
    fake.rateLimit("chat", 1, 1);
    post(fake, "/api/chat", fake.apiKey(), FakeCloudGptRoutingTest.HAIKU);
    assertThat(post(fake, "/api/chat", fake.apiKey(), FakeCloudGptRoutingTest.HAIKU).code()).isEqualTo(429);

    fake.resetRateLimits();

    assertThat(post(fake, "/api/chat", fake.apiKey(), FakeCloudGptRoutingTest.HAIKU).code()).isEqualTo(200);
    assertThatThrownBy(() -> fake.rateLimit("keys", 1, 1)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("keys");
  }
}
