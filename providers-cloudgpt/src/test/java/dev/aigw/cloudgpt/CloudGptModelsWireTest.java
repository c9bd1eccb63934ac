package dev.aigw.cloudgpt;

import static dev.aigw.cloudgpt.CloudGptWire.assertBodiless;
import static dev.aigw.cloudgpt.CloudGptWire.fixture;
import static dev.aigw.cloudgpt.CloudGptWire.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aigw.core.error.AigwException;
import dev.aigw.core.error.MalformedResponseException;
import dev.aigw.core.http.RawResponse;
import dev.aigw.core.model.Modality;
import dev.aigw.core.model.ModelInfo;
import java.util.List;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

/** {@code GET /api/models/chat}, {@code /image}, {@code /video} (doc section "List Models"). */
class CloudGptModelsWireTest {
  @StartStop final MockWebServer server = new MockWebServer();

  /** List Models — Chat Models — Response, with the context windows of the Chat Models table. */
  @Test
  void chatModelsAreTypedWithTheDocumentedContextWindow() throws Exception {
    server.enqueue(ok(fixture("models-chat-response.json")));
    List<ModelInfo> models;
    try (CloudGptClient client = CloudGptWire.client(server)) {
      models = client.models().chat();
    }
    assertBodiless(server.takeRequest(), "GET", "/api/models/chat");
    assertThat(models).containsExactly(
        new ModelInfo("openai", "OpenAI GPT-4o", Modality.CHAT, "pollinations", "OpenAI GPT-4o model", null, 128_000,
            models.get(0).raw()),
        new ModelInfo("mapleai-gpt4o", "MapleAI GPT-4o", Modality.CHAT, "mapleai", "GPT-4o via MapleAI", null, 128_000,
            models.get(1).raw()));
    assertThat(models.get(0).raw().get("provider")).isEqualTo("pollinations");
  }

  /** List Models — Image Models — Response. */
  @Test
  void imageModelsAreTyped() throws Exception {
    server.enqueue(ok(fixture("models-image-response.json")));
    List<ModelInfo> models;
    try (CloudGptClient client = CloudGptWire.client(server)) {
      models = client.models().image();
    }
    assertBodiless(server.takeRequest(), "GET", "/api/models/image");
    assertThat(models).extracting(ModelInfo::id).containsExactly("flux", "mapleai-dalle");
    assertThat(models).extracting(ModelInfo::modality).containsOnly(Modality.IMAGE);
    assertThat(models.get(0).name()).isEqualTo("Flux");
    assertThat(models.get(0).description()).isEqualTo("High quality image generation");
    assertThat(models.get(1).provider()).isEqualTo("mapleai");
    assertThat(models).extracting(ModelInfo::contextWindow).containsOnlyNulls();
    assertThat(models).extracting(ModelInfo::maxDurationSeconds).containsOnlyNulls();
  }

  /** List Models — Video Models — Response: {@code maxDuration} as the answer gives it. */
  @Test
  void videoModelsCarryTheirMaximumDuration() throws Exception {
    server.enqueue(ok(fixture("models-video-response.json")));
    List<ModelInfo> models;
    try (CloudGptClient client = CloudGptWire.client(server)) {
      models = client.models().video();
    }
    assertBodiless(server.takeRequest(), "GET", "/api/models/video");
    assertThat(models).extracting(ModelInfo::id).containsExactly("veo", "mapleai-veo");
    assertThat(models).extracting(ModelInfo::maxDurationSeconds).containsExactly(8, 8);
    assertThat(models.get(0).name()).isEqualTo("Veo");
    assertThat(models.get(0).description()).isEqualTo("Google Veo video generation");
    assertThat(models.get(0).modality()).isEqualTo(Modality.VIDEO);
  }

  @Test
  void aMissingMaxDurationFallsBackToTheDocumentedTableAndAnAnswersOwnWins() {
    server.enqueue(ok("""
        {"object":"list","data":[
          {"id":"seedance","name":"Seedance","provider":"pollinations"},
          {"id":"veo","name":"Veo","maxDuration":12},
          {"id":"brand-new","name":"New"}]}"""));
    List<ModelInfo> models;
    try (CloudGptClient client = CloudGptWire.client(server)) {
      models = client.models().video();
    }
    assertThat(models).extracting(ModelInfo::maxDurationSeconds).containsExactly(10, 12, null);
  }

  @Test
  void unknownFieldsAreKeptAndEntriesWithoutAnIdSkipped() {
    server.enqueue(ok("""
        {"object":"list","data":[
          {"id":"deepseek","name":"DeepSeek V3","provider":"pollinations","tier":"free","name_zh":"深度求索"},
          {"name":"no id"}, "not an object", {"id":""},
          {"id":"unlisted-chat","provider":7}]}"""));
    List<ModelInfo> models;
    try (CloudGptClient client = CloudGptWire.client(server)) {
      models = client.models().chat();
    }
    assertThat(models).extracting(ModelInfo::id).containsExactly("deepseek", "unlisted-chat");
    assertThat(models.get(0).contextWindow()).isEqualTo(64_000);
    assertThat(models.get(0).raw().get("tier")).isEqualTo("free");
    assertThat(models.get(1).contextWindow()).as("not in the doc's table").isNull();
    assertThat(models.get(1).provider()).as("not a string").isNull();
  }

  /** The deployed catalogues are OpenAI-style: the provider only in {@code owned_by}. */
  @Test
  void theProviderIsReadFromOwnedByWhenNothingBetterIsGiven() {
    server.enqueue(ok("""
        {"object":"list","data":[
          {"id":"flux","object":"model","name":"Flux","owned_by":"pollinations","description":"Fast high-quality generation"},
          {"id":"mapleai-flux","object":"model","owned_by":"mapleai","provider":"MapleAI"},
          {"id":"zimage","object":"model","provider":"","owned_by":"pollinations"},
          {"id":"turbo","object":"model"}]}"""));
    List<ModelInfo> models;
    try (CloudGptClient client = CloudGptWire.client(server)) {
      models = client.models().image();
    }
    assertThat(models).extracting(ModelInfo::provider).containsExactly("pollinations", "MapleAI", "pollinations", null);
    assertThat(models.get(0).name()).isEqualTo("Flux");
    assertThat(models.get(0).raw().get("owned_by")).isEqualTo("pollinations");
  }

  @Test
  void anAnswerWithoutDataIsAnEmptyList() {
    server.enqueue(ok("{\"object\":\"list\"}"));
    try (CloudGptClient client = CloudGptWire.client(server)) {
      assertThat(client.models().image()).isEmpty();
    }
  }

  @Test
  void aNonJsonAnswerIsAClearError() {
    server.enqueue(new mockwebserver3.MockResponse.Builder().setHeader("Content-Type", "text/html")
        .body("<html><body>Vercel deployment not found</body></html>").build());
    try (CloudGptClient client = CloudGptWire.client(server)) {
      assertThatThrownBy(() -> client.models().chat())
          .isExactlyInstanceOf(MalformedResponseException.class)
          .hasMessageContaining("expected a JSON answer")
          .hasMessageContaining("Vercel deployment not found");
    }
  }

  /** The neutral list: the three catalogues in order, three requests. */
  @Test
  void listJoinsTheThreeCataloguesInOrder() throws Exception {
    server.enqueue(ok(fixture("models-chat-response.json")));
    server.enqueue(ok(fixture("models-image-response.json")));
    server.enqueue(ok(fixture("models-video-response.json")).newBuilder().setHeader("X-RateLimit-Remaining", "7").build());
    RawResponse<List<ModelInfo>> raw;
    try (CloudGptClient client = CloudGptWire.client(server)) {
      raw = client.models().withRawResponse().list();
    }
    assertThat(raw.body()).extracting(ModelInfo::id)
        .containsExactly("openai", "mapleai-gpt4o", "flux", "mapleai-dalle", "veo", "mapleai-veo");
    assertThat(raw.body()).extracting(ModelInfo::modality).containsExactly(Modality.CHAT, Modality.CHAT,
        Modality.IMAGE, Modality.IMAGE, Modality.VIDEO, Modality.VIDEO);
    assertThat(raw.attempts()).isEqualTo(3);
    assertThat(raw.status()).isEqualTo(200);
    assertThat(raw.rateLimit().remaining()).as("the last request's headers").isEqualTo(7);
    assertBodiless(server.takeRequest(), "GET", "/api/models/chat");
    assertBodiless(server.takeRequest(), "GET", "/api/models/image");
    assertBodiless(server.takeRequest(), "GET", "/api/models/video");
  }

  @Test
  void theNeutralListIsTheSameThroughAiClient() {
    server.enqueue(ok(fixture("models-chat-response.json")));
    server.enqueue(ok(fixture("models-image-response.json")));
    server.enqueue(ok(fixture("models-video-response.json")));
    try (dev.aigw.core.AiClient client = CloudGptWire.client(server)) {
      assertThat(client.models().list()).hasSize(6);
    }
  }

  @Test
  void theDocumentedTablesAreComplete() {
    assertThat(CloudGptModels.CONTEXT_WINDOWS).hasSize(20)
        .containsEntry("gemini-large", 2_000_000).containsEntry("qwen-coder", 32_000)
        .containsEntry("claude", 200_000).containsEntry("mapleai-gemini", 1_000_000);
    assertThat(CloudGptModels.MAX_DURATIONS).containsOnlyKeys("veo", "seedance", "seedance-pro", "mapleai-veo");
  }
}
