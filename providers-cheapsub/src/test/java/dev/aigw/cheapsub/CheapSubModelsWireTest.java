package dev.aigw.cheapsub;

import static dev.aigw.cheapsub.CheapSubWire.assertGet;
import static dev.aigw.cheapsub.CheapSubWire.fixture;
import static dev.aigw.cheapsub.CheapSubWire.ok;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aigw.core.http.RawResponse;
import dev.aigw.core.model.Modality;
import dev.aigw.core.model.ModelInfo;
import java.util.List;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

/** {@code GET /api/v1/models} (doc section 1, "모델 목록 조회"). */
class CheapSubModelsWireTest {
  @StartStop final MockWebServer server = new MockWebServer();

  @Test
  void listsModelsWithGetOnApiV1Models() throws Exception {
    server.enqueue(ok(fixture("s1-models-response.json")));
    try (CheapSubClient client = CheapSubWire.client(server)) {
      client.models().list();
    }
    RecordedRequest request = server.takeRequest();
    assertGet(request, "/api/v1/models");
    assertThat(request.getUrl().query()).isNull();
    assertThat(request.getHeaders().get("Accept")).contains("application/json");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  /** Doc section 1, 응답 예시: three vendor-prefixed chat models. */
  @Test
  void parsesTheDocumentedModelListWithVendorPrefixes() {
    server.enqueue(ok(fixture("s1-models-response.json")));
    List<ModelInfo> models;
    try (CheapSubClient client = CheapSubWire.client(server)) {
      models = client.models().list();
    }
    assertThat(models).extracting(ModelInfo::id)
        .containsExactly("google/gemini-3-flash", "openai/gpt-5.4", "anthropic/claude-sonnet-4.6");
    assertThat(models).extracting(ModelInfo::provider).containsExactly("google", "openai", "anthropic");
    assertThat(models).extracting(ModelInfo::shortId)
        .containsExactly("gemini-3-flash", "gpt-5.4", "claude-sonnet-4.6");
    assertThat(models).extracting(ModelInfo::modality).containsOnly(Modality.CHAT);

    ModelInfo gemini = models.get(0);
    assertThat(gemini.raw().get("object")).isEqualTo("model");
    assertThat(gemini.raw().get("owned_by")).isEqualTo("cheapsub");
    assertThat(gemini.name()).isNull();
  }

  /** Ids without a prefix: the modality comes from the doc's model tables (section 6). */
  @Test
  void classifiesUnprefixedIdsByTheDocumentedModelTables() {
    // Not a doc example: the doc's list has only chat models; these ids come from section 6.
    server.enqueue(ok("""
        {"object":"list","data":[
          {"id":"nano-banana-2","object":"model","owned_by":"cheapsub"},
          {"id":"sora-2","object":"model","owned_by":"cheapsub"},
          {"id":"gemini-3-flash","object":"model","owned_by":"cheapsub"},
          {"id":"some-new-model","object":"model","owned_by":"cheapsub","future_field":true}
        ]}"""));
    List<ModelInfo> models;
    try (CheapSubClient client = CheapSubWire.client(server)) {
      models = client.models().list();
    }
    assertThat(models).extracting(ModelInfo::id)
        .containsExactly("nano-banana-2", "sora-2", "gemini-3-flash", "some-new-model");
    assertThat(models).extracting(ModelInfo::modality)
        .containsExactly(Modality.IMAGE, Modality.VIDEO, Modality.CHAT, Modality.UNKNOWN);
    assertThat(models).extracting(ModelInfo::shortId)
        .containsExactly("nano-banana-2", "sora-2", "gemini-3-flash", "some-new-model");
    // without a prefix the provider is who serves it: owned_by
    assertThat(models).extracting(ModelInfo::provider).containsOnly("cheapsub");
    assertThat(models.get(3).raw().get("future_field")).isEqualTo(true);
  }

  @Test
  void rawResponseGivesStatusAndHeaders() {
    server.enqueue(new mockwebserver3.MockResponse.Builder().setHeader("Content-Type", "application/json")
        .setHeader("X-Request-Id", "req-42").body(fixture("s1-models-response.json")).build());
    RawResponse<List<ModelInfo>> raw;
    try (CheapSubClient client = CheapSubWire.client(server)) {
      raw = client.models().withRawResponse().list();
    }
    assertThat(raw.status()).isEqualTo(200);
    assertThat(raw.requestId()).isEqualTo("req-42");
    assertThat(raw.attempts()).isEqualTo(1);
    assertThat(raw.body()).hasSize(3);
  }

  @Test
  void skipsEntriesWithoutAnIdAndToleratesAMissingList() {
    server.enqueue(ok("""
        {"object":"list","data":[{"object":"model"},{"id":"gpt-5.2"}]}"""));
    server.enqueue(ok("{\"object\":\"list\"}"));
    try (CheapSubClient client = CheapSubWire.client(server)) {
      assertThat(client.models().list()).extracting(ModelInfo::id).containsExactly("gpt-5.2");
      assertThat(client.models().list()).isEmpty();
    }
  }
}
