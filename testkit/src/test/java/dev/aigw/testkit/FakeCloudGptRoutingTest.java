package dev.aigw.testkit;

import static dev.aigw.testkit.RawHttp.get;
import static dev.aigw.testkit.RawHttp.post;
import static dev.aigw.testkit.RawHttp.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aigw.core.spi.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import okhttp3.HttpUrl;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Routing, authentication (keyed and anonymous), error shapes, chat and the model catalogues of
 * {@link FakeCloudGpt}, over plain HTTP.
 */
@Timeout(30)
class FakeCloudGptRoutingTest {
  static final String HAIKU = "{\"model\":\"openai\",\"messages\":[{\"role\":\"system\",\"content\":\"You are a helpful assistant.\"},"
      + "{\"role\":\"user\",\"content\":\"Write a haiku about AI\"}],\"temperature\":0.7,\"max_tokens\":1000,\"stream\":false}";

  private FakeCloudGpt fake;

  @BeforeEach
  void start() {
    fake = FakeCloudGpt.start();
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  @Test
  void servesOnLoopbackWithACloudGptKey() {
    HttpUrl url = HttpUrl.parse(fake.baseUrl());
    assertThat(url).isNotNull();
    assertThat(url.host()).isIn("localhost", "127.0.0.1");
    assertThat(fake.vendor()).isEqualTo("cloudgpt");
    assertThat(fake.apiKey()).startsWith("cgpt_").hasSizeGreaterThan(20);
    assertThat(fake.keyIds()).containsExactly("key_default");
  }

  @Test
  void chatModelsAndMediaAreOpenToAnonymousCallers() throws IOException {
    assertThat(post(fake, "/api/chat", null, HAIKU).code()).isEqualTo(200);
    assertThat(get(fake, "/api/models/chat", null).code()).isEqualTo(200);
    assertThat(post(fake, "/api/image", null, "{\"prompt\":\"p\",\"model\":\"flux\",\"width\":8,\"height\":8}").code())
        .isEqualTo(200);
    assertThat(post(fake, "/api/video", null, "{\"prompt\":\"p\",\"model\":\"veo\"}").code()).isEqualTo(200);
  }

  @Test
  void aKeyThatIsGivenMustBeValidEvenWhereAnonymousCallsAreAllowed() throws IOException {
    RawHttp.Answer unknown = post(fake, "/api/chat", "cgpt_not_a_real_key_000000", HAIKU);
    RawHttp.Answer otherVendor = get(fake, "/api/models/chat", "csk_" + fake.apiKey().substring(5));

    assertThat(unknown.code()).isEqualTo(401);
    assertThat(unknown.at("error", "code")).isEqualTo("invalid_api_key");
    assertThat(unknown.at("error", "message")).isEqualTo("Invalid API key");
    assertThat(unknown.at("error", "type")).isEqualTo("invalid_request_error");
    assertThat(otherVendor.code()).isEqualTo(401);
  }

  @Test
  void keyManagementNeedsAKey() throws IOException {
    RawHttp.Answer none = get(fake, "/api/keys", null);

    assertThat(none.code()).isEqualTo(401);
    assertThat(none.at("error", "code")).isEqualTo("missing_api_key");
    assertThat(none.at("error", "message")).isEqualTo("API key is required");
    assertThat(post(fake, "/api/keys", null, "{\"name\":\"x\"}").code()).isEqualTo(401);
  }

  @Test
  void unknownPathsAnd405sUseTheDocumentedShape() throws IOException {
    RawHttp.Answer missing = get(fake, "/api/nothing", fake.apiKey());
    RawHttp.Answer wrongMethod = get(fake, "/api/chat", fake.apiKey());

    assertThat(missing.code()).isEqualTo(404);
    assertThat(missing.json()).containsOnlyKeys("error");
    assertThat(missing.at("error", "message")).isEqualTo("Unknown endpoint /api/nothing");
    assertThat(missing.at("error", "code")).isEqualTo("not_found");
    assertThat(wrongMethod.code()).isEqualTo(405);
    assertThat(wrongMethod.at("error", "message")).isEqualTo("Method GET not allowed");
  }

  @Test
  void plainErrorStyleAnswersWithAStringAndDetails() throws IOException {
    fake.errorStyle(FakeCloudGpt.ErrorStyle.PLAIN);
    RawHttp.Answer unknownModel = post(fake, "/api/chat", fake.apiKey(), HAIKU.replace("\"openai\"", "\"gpt-9\""));
    RawHttp.Answer badKey = post(fake, "/api/chat", "cgpt_wrong_wrong_wrong_wrong", HAIKU);

    assertThat(unknownModel.code()).isEqualTo(400);
    assertThat(unknownModel.json()).containsEntry("error", "Unknown chat model: gpt-9");
    assertThat(unknownModel.string("details")).startsWith("Available chat models: openai, openai-fast");
    assertThat(badKey.json()).containsOnlyKeys("error").containsEntry("error", "Invalid API key");
    assertThatThrownBy(() -> fake.errorStyle(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void serverErrorsAndRateLimitsHaveTheirOwnTypes() throws IOException {
    fake.faults().failNext(500);
    RawHttp.Answer failed = post(fake, "/api/chat", fake.apiKey(), HAIKU);
    fake.rateLimit("chat", 0, 0);
    RawHttp.Answer limited = post(fake, "/api/chat", fake.apiKey(), HAIKU);

    assertThat(failed.code()).isEqualTo(500);
    assertThat(failed.at("error", "type")).isEqualTo("server_error");
    assertThat(limited.code()).isEqualTo(429);
    assertThat(limited.at("error", "type")).isEqualTo("rate_limit_error");
    assertThat(limited.at("error", "code")).isEqualTo("rate_limit_exceeded");
  }

  // ----- chat -----

  @Test
  void chatAnswersAnOpenAiCompletionEchoingTheLastUserMessage() throws IOException {
    RawHttp.Answer answer = post(fake, "/api/chat", fake.apiKey(), HAIKU);

    assertThat(answer.code()).isEqualTo(200);
    assertThat(answer.string("object")).isEqualTo("chat.completion");
    assertThat(answer.string("model")).isEqualTo("openai");
    assertThat(answer.string("id")).startsWith("chatcmpl-");
    assertThat(answer.at("choices", 0, "message", "content")).isEqualTo("You said: Write a haiku about AI");
    assertThat(answer.at("choices", 0, "message", "role")).isEqualTo("assistant");
    assertThat(answer.at("choices", 0, "finish_reason")).isEqualTo("stop");
    assertThat(answer.at("usage", "prompt_tokens")).isEqualTo(16.0);
    assertThat(answer.at("usage", "completion_tokens")).isEqualTo(7.0);
    assertThat(answer.at("usage", "total_tokens")).isEqualTo(23.0);
  }

  @Test
  void chatReplyCanBeSet() throws IOException {
    fake.chatReply("Silicon dreams awake");

    assertThat(post(fake, "/api/chat", fake.apiKey(), HAIKU).at("choices", 0, "message", "content"))
        .isEqualTo("Silicon dreams awake");
  }

  @Test
  void streamedChatSendsChunksThenDone() throws IOException {
    fake.chatReply("one two three");
    List<String> data = new ArrayList<>();
    try (Response r = RawHttp.open(fake, "/api/chat", fake.apiKey(), HAIKU.replace("\"stream\":false", "\"stream\":true"))) {
      assertThat(r.code()).isEqualTo(200);
      assertThat(r.header("Content-Type")).isEqualTo("text/event-stream");
      assertThat(r.header("X-RateLimit-Remaining")).isEqualTo("59");
      for (String line : r.body().string().split("\n")) {
        if (line.startsWith("data: ")) {
          data.add(line.substring(6));
        }
      }
    }
    assertThat(data).hasSize(5).last().isEqualTo("[DONE]");
    StringBuilder text = new StringBuilder();
    for (String d : data.subList(0, 3)) {
      @SuppressWarnings("unchecked")
      Map<String, Object> chunk = (Map<String, Object>) Json.parseTree(d);
      assertThat(chunk).containsEntry("object", "chat.completion.chunk");
      text.append(((Map<?, ?>) ((Map<?, ?>) ((List<?>) chunk.get("choices")).get(0)).get("delta")).get("content"));
    }
    assertThat(text).hasToString("one two three");
    assertThat(data.get(3)).contains("\"finish_reason\":\"stop\"");
  }

  @Test
  void chatRefusesWhatTheDocsDoNotAllow() throws IOException {
    assertThat(chatError("[]")).isEqualTo("Body must be a JSON object");
    assertThat(chatError("{\"messages\":[]}")).isEqualTo("model is required");
    assertThat(chatError("{\"model\":\"openai\",\"messages\":[]}")).isEqualTo("messages must be a non-empty array");
    assertThat(chatError("{\"model\":\"openai\",\"messages\":[{\"role\":\"user\"}]}"))
        .isEqualTo("each message needs a role and a content");
    assertThat(chatError("{\"model\":\"openai\",\"messages\":[\"hi\"]}")).isEqualTo("each message needs a role and a content");
    assertThat(chatError(HAIKU.replace("0.7", "2.5"))).isEqualTo("temperature must be a number between 0 and 2");
    assertThat(chatError(HAIKU.replace("0.7", "\"hot\""))).isEqualTo("temperature must be a number between 0 and 2");
    assertThat(chatError(HAIKU.replace("1000", "0"))).isEqualTo("max_tokens must be a positive integer");
    assertThat(chatError(HAIKU.replace("1000", "10.5"))).isEqualTo("max_tokens must be a positive integer");
    assertThat(chatError(HAIKU.replace("\"openai\"", "\"flux\""))).isEqualTo("Unknown chat model: flux");
  }

  private String chatError(String body) throws IOException {
    RawHttp.Answer answer = post(fake, "/api/chat", fake.apiKey(), body);
    assertThat(answer.code()).isEqualTo(400);
    return answer.string("error", "message");
  }

  // ----- models -----

  @Test
  void theThreeCataloguesListTheDocumentedModels() throws IOException {
    RawHttp.Answer chat = get(fake, "/api/models/chat", fake.apiKey());
    RawHttp.Answer image = get(fake, "/api/models/image", fake.apiKey());
    RawHttp.Answer video = get(fake, "/api/models/video", null);

    assertThat(chat.string("object")).isEqualTo("list");
    assertThat((List<?>) chat.at("data")).hasSize(20);
    assertThat(chat.at("data", 0)).isEqualTo(Map.of("id", "openai", "name", "OpenAI GPT-4o", "provider", "pollinations",
        "description", "OpenAI GPT-4o model"));
    assertThat((List<?>) image.at("data")).hasSize(12);
    assertThat(image.at("data", 8)).isEqualTo(Map.of("id", "flux", "name", "Flux", "provider", "pollinations",
        "description", "High quality image generation"));
    assertThat((List<?>) video.at("data")).hasSize(4);
    assertThat(video.at("data", 0)).isEqualTo(Map.of("id", "veo", "name", "Veo", "provider", "pollinations",
        "description", "Google Veo video generation", "maxDuration", 8.0));
    assertThat(video.at("data", 3, "id")).isEqualTo("mapleai-veo");
    assertThat(chat.headers().get("X-RateLimit-Remaining")).as("catalogues are not rate limited").isNull();
  }

  @Test
  void theJournalMasksTheKey() throws IOException {
    get(fake, "/api/models/chat", fake.apiKey());
    get(fake, "/api/models/image", null);

    List<Journal.Entry> requests = fake.journal().requests();
    assertThat(requests).hasSize(2);
    assertThat(requests.get(0).headers().get("authorization")).startsWith("Bearer cgpt_").doesNotContain(fake.apiKey());
    assertThat(requests.get(1).headers()).doesNotContainKey("authorization");
    assertThat(send("GET", fake.baseUrl() + "/api/models/video", "Bearer " + fake.apiKey(), null).code()).isEqualTo(200);
  }
}
