package dev.aigw.testkit;

import static dev.aigw.testkit.RawHttp.get;
import static dev.aigw.testkit.RawHttp.post;
import static dev.aigw.testkit.RawHttp.send;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link FakeCloudGpt} in {@link FakeCloudGpt.Mode#DEPLOYED} mode, over plain HTTP: where the real server departs from its document. */
@Timeout(30)
class FakeCloudGptDeployedTest {
  private static final String VIDEO = "{\"prompt\":\"p\",\"model\":\"veo\"}";
  private static final String IMAGE = "{\"prompt\":\"p\",\"model\":\"flux\",\"width\":4,\"height\":4}";

  private FakeCloudGpt fake;

  @BeforeEach
  void start() {
    fake = FakeCloudGpt.startDeployed();
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  @Test
  void itSaysWhichModeItPlays() {
    assertThat(fake.mode()).isEqualTo(FakeCloudGpt.Mode.DEPLOYED);
    try (FakeCloudGpt documented = FakeCloudGpt.start()) {
      assertThat(documented.mode()).isEqualTo(FakeCloudGpt.Mode.DOCUMENTED);
    }
    assertThat(fake.sessionToken()).matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+").doesNotStartWith("cgpt_");
  }

  // ----- keys -----

  @Test
  void keyManagementTakesTheSessionTokenAndAnApiKeyGetsAnEmpty500() throws IOException {
    RawHttp.Answer withKey = get(fake, "/api/keys", fake.apiKey());
    RawHttp.Answer without = get(fake, "/api/keys", null);
    RawHttp.Answer otherToken = get(fake, "/api/keys", "eyJhbGciOiJIUzI1NiJ9.e30.bm9wZQ");
    RawHttp.Answer withToken = get(fake, "/api/keys", fake.sessionToken());

    assertThat(withKey.code()).isEqualTo(500);
    assertThat(withKey.body()).isEmpty();
    assertThat(without.code()).isEqualTo(401);
    assertThat(without.json()).isEqualTo(Map.of("error", "Unauthorized"));
    assertThat(otherToken.code()).isEqualTo(401);
    assertThat(otherToken.json()).isEqualTo(Map.of("error", "Invalid token"));
    assertThat(withToken.code()).isEqualTo(200);
    assertThat(post(fake, "/api/keys", fake.apiKey(), "{\"name\":\"x\"}").code()).isEqualTo(500);
  }

  @Test
  void keysAreCreatedListedAndDeletedInTheDeployedShapes() throws IOException {
    Instant before = Instant.now().minusSeconds(1);
    RawHttp.Answer created = post(fake, "/api/keys", fake.sessionToken(), "{\"name\":\"My Production Key\"}");

    assertThat(created.code()).isEqualTo(200);
    assertThat(created.json()).containsOnlyKeys("id", "key", "name", "createdAt", "message");
    String id = created.string("id");
    String key = created.string("key");
    assertThat(id).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    assertThat(key).startsWith("cgpt_");
    assertThat(Instant.parse(created.string("createdAt"))).isBetween(before, Instant.now());
    assertThat(get(fake, "/api/models/chat", key).code()).as("the new key works").isEqualTo(200);

    RawHttp.Answer list = get(fake, "/api/keys", fake.sessionToken());
    assertThat(list.json()).containsOnlyKeys("keys");
    assertThat((List<?>) list.at("keys")).hasSize(2);
    @SuppressWarnings("unchecked")
    Map<String, Object> entry = (Map<String, Object>) list.at("keys", 1);
    assertThat(entry).containsOnlyKeys("id", "name", "keyPreview", "createdAt")
        .containsEntry("id", id).containsEntry("name", "My Production Key")
        .containsEntry("keyPreview", key.substring(0, 12) + "...");
    assertThat(list.body()).doesNotContain(key);
    assertThat(fake.keyIds()).hasSize(2).endsWith(id);

    RawHttp.Answer byPath = send("DELETE", fake.baseUrl() + "/api/keys/" + id, "Bearer " + fake.sessionToken(), null);
    assertThat(byPath.code()).isEqualTo(404);
    assertThat(byPath.headers().get("Content-Type")).startsWith("text/html");
    assertThat(byPath.body()).startsWith("<!DOCTYPE html>").contains("This page could not be found");
    assertThat(fake.keyIds()).as("the path form deletes nothing").contains(id);

    RawHttp.Answer byBody = send("DELETE", fake.baseUrl() + "/api/keys", "Bearer " + fake.sessionToken(),
        "{\"id\":\"" + id + "\"}");
    assertThat(byBody.code()).isEqualTo(200);
    assertThat(byBody.json()).isEqualTo(Map.of("success", true));
    assertThat(fake.keyIds()).doesNotContain(id);
    assertThat(get(fake, "/api/models/chat", key).code()).as("a deleted key is refused").isEqualTo(401);

    RawHttp.Answer again = send("DELETE", fake.baseUrl() + "/api/keys", "Bearer " + fake.sessionToken(),
        "{\"id\":\"" + id + "\"}");
    assertThat(again.code()).isEqualTo(404);
    assertThat(again.json()).isEqualTo(Map.of("error", "API key not found"));
    RawHttp.Answer noId = send("DELETE", fake.baseUrl() + "/api/keys", "Bearer " + fake.sessionToken(), "{}");
    assertThat(noId.code()).isEqualTo(400);
    assertThat(post(fake, "/api/keys", fake.sessionToken(), "{}").json()).isEqualTo(Map.of("error", "Name is required"));
  }

  // ----- media and models -----

  @Test
  void theVideoEndpointReadsAspectRatioAndIgnoresWidthAndHeight() throws IOException {
    RawHttp.Answer sized = post(fake, "/api/video", fake.apiKey(),
        "{\"prompt\":\"p\",\"model\":\"veo\",\"width\":99999,\"height\":\"tall\",\"aspectRatio\":\"9:16\"}");
    RawHttp.Answer badRatio = post(fake, "/api/video", fake.apiKey(), "{\"prompt\":\"p\",\"model\":\"veo\",\"aspectRatio\":\"wide\"}");

    assertThat(sized.code()).as("width and height are not even looked at").isEqualTo(200);
    assertThat(sized.headers().get("Content-Type")).isEqualTo("video/mp4");
    assertThat(badRatio.code()).isEqualTo(400);
    assertThat(badRatio.at("error", "message")).isEqualTo("aspectRatio must be a ratio such as \"16:9\"");
  }

  @Test
  void catalogueEntriesNameTheProviderOnlyInOwnedBy() throws IOException {
    RawHttp.Answer chat = get(fake, "/api/models/chat", null);

    @SuppressWarnings("unchecked")
    Map<String, Object> first = (Map<String, Object>) chat.at("data", 0);
    assertThat(first).containsEntry("id", "openai").containsEntry("object", "model")
        .containsEntry("owned_by", "pollinations").doesNotContainKey("provider");
    assertThat(chat.headers().get("X-RateLimit-Remaining")).isNull();
    assertThat(get(fake, "/api/models/video", null).at("data", 0, "maxDuration")).isEqualTo(8.0);
  }

  @Test
  void anUpstreamRefusalIsA200WithAnError() throws IOException {
    fake.refuseNextMedia("Content blocked by safety filter").refuseNextMedia("Upstream provider timed out");

    RawHttp.Answer image = post(fake, "/api/image", fake.apiKey(), IMAGE);
    RawHttp.Answer video = post(fake, "/api/video", fake.apiKey(), VIDEO);
    RawHttp.Answer next = post(fake, "/api/image", fake.apiKey(), IMAGE);

    assertThat(image.code()).isEqualTo(200);
    assertThat(image.json()).isEqualTo(Map.of("error", "Content blocked by safety filter"));
    assertThat(video.code()).isEqualTo(200);
    assertThat(video.json()).isEqualTo(Map.of("error", "Upstream provider timed out"));
    assertThat(next.headers().get("Content-Type")).isEqualTo("image/png");
  }

  @Test
  void theDocumentedModeAnswersTheSameRefusalsWithAnErrorStatus() throws IOException {
    try (FakeCloudGpt documented = FakeCloudGpt.start()) {
      documented.refuseNextMedia("Content blocked by safety filter").refuseNextMedia("Upstream provider timed out");
      RawHttp.Answer policy = post(documented, "/api/image", documented.apiKey(), IMAGE);
      RawHttp.Answer upstream = post(documented, "/api/video", documented.apiKey(), VIDEO);

      assertThat(policy.code()).isEqualTo(400);
      assertThat(policy.at("error", "code")).isEqualTo("content_policy_violation");
      assertThat(policy.at("error", "message")).isEqualTo("Content blocked by safety filter");
      assertThat(upstream.code()).isEqualTo(502);
      assertThat(upstream.at("error", "code")).isEqualTo("upstream_error");
    }
  }

  // ----- rate-limit headers -----

  @Test
  void remainingCountsDownFromSixtyWhateverTheLimitAndTheResetIsInMilliseconds() throws IOException {
    long now = System.currentTimeMillis();
    RawHttp.Answer first = post(fake, "/api/video", fake.apiKey(), VIDEO);
    RawHttp.Answer second = post(fake, "/api/video", fake.apiKey(), VIDEO);
    RawHttp.Answer anonymous = post(fake, "/api/image", null, IMAGE);

    assertThat(first.headers().get("X-RateLimit-Remaining")).as("the real video limit is 10").isEqualTo("59");
    assertThat(second.headers().get("X-RateLimit-Remaining")).isEqualTo("58");
    assertThat(anonymous.headers().get("X-RateLimit-Remaining")).as("the real anonymous image limit is 5").isEqualTo("59");
    long reset = Long.parseLong(first.headers().get("X-RateLimit-Reset"));
    assertThat(reset).isBetween(now + 59_000, now + 61_000);
  }

  @Test
  void aStreamAndErrorsOtherThan429CarryNoRateLimitHeaders() throws IOException {
    fake.rateLimit("chat", 1, 1);
    RawHttp.Answer stream = post(fake, "/api/chat", fake.apiKey(),
        FakeCloudGptRoutingTest.HAIKU.replace("\"stream\":false", "\"stream\":true"));
    RawHttp.Answer limited = post(fake, "/api/chat", fake.apiKey(), FakeCloudGptRoutingTest.HAIKU);
    RawHttp.Answer invalid = post(fake, "/api/video", fake.apiKey(), "{\"prompt\":\"p\",\"model\":\"sora\"}");

    assertThat(stream.headers().get("Content-Type")).isEqualTo("text/event-stream");
    assertThat(stream.headers().get("X-RateLimit-Remaining")).isNull();
    assertThat(stream.headers().get("X-RateLimit-Reset")).isNull();
    assertThat(limited.code()).isEqualTo(429);
    assertThat(limited.headers().get("X-RateLimit-Remaining")).as("60 less the limit of 1 used").isEqualTo("59");
    assertThat(Long.parseLong(limited.headers().get("X-RateLimit-Reset"))).isGreaterThan(100_000_000_000L);
    assertThat(invalid.code()).isEqualTo(400);
    assertThat(invalid.headers().get("X-RateLimit-Remaining")).isNull();
  }
}
