package dev.aigw.gptimagehub;

import static dev.aigw.gptimagehub.HubWire.assertModelsGet;
import static dev.aigw.gptimagehub.HubWire.models;
import static dev.aigw.gptimagehub.HubWire.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aigw.core.error.AigwException;
import dev.aigw.core.http.RawResponse;
import dev.aigw.core.model.Modality;
import dev.aigw.core.model.ModelInfo;
import java.math.BigDecimal;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /api/v1/models} (doc sections 엔드포인트 and 모델): no key is sent. The doc lists what each
 * model carries but shows no example answer, so these answers are written here in the doc's words
 * ({@code reference_image_limit} is the one field name it gives).
 */
class GptImageHubModelsWireTest {
  @StartStop final MockWebServer server = new MockWebServer();

  @Test
  void listsModelsWithoutSendingTheKey() throws Exception {
    server.enqueue(ok(models(16)));
    List<ModelInfo> models;
    try (GptImageHubClient client = HubWire.client(server)) {
      models = client.models().list();
    }
    assertModelsGet(server.takeRequest());
    assertThat(models).hasSize(1);
    ModelInfo m = models.get(0);
    assertThat(m.id()).isEqualTo("gpt-image-2");
    assertThat(m.provider()).isEqualTo("openai");
    assertThat(m.modality()).isEqualTo(Modality.IMAGE);
    assertThat(m.raw().get("reference_image_limit")).isEqualTo(16.0);
  }

  @Test
  void theCatalogHasEveryDocumentedDetail() {
    server.enqueue(ok(models(16)));
    GptImageHubModel m;
    try (GptImageHubClient client = HubWire.client(server)) {
      m = client.models().catalog().get(0);
    }
    assertThat(m.id()).isEqualTo(GptImageHubModel.GPT_IMAGE_2);
    assertThat(m.provider()).isEqualTo("openai");
    assertThat(m.aspectRatios()).containsExactly("auto", "1:1", "16:9");
    assertThat(m.qualities()).containsExactly("auto", "low", "medium", "high");
    assertThat(m.referenceImageLimit()).isEqualTo(16);
    assertThat(m.creditsPerImage()).isEqualTo(new BigDecimal("8"));
  }

  @Test
  void otherLikelySpellingsAndWrappersAreRead() {
    server.enqueue(ok("[{\"model\":\"gpt-image-2\",\"supported_aspect_ratios\":[\"1:1\"],"
        + "\"supported_qualities\":[\"1K\",\"2K\"],\"credits\":\"0.50\",\"reference_image_limit\":4},"
        + "{\"id\":\"\"},null]"));
    server.enqueue(ok("{\"models\":[{\"id\":\"gpt-image-2\",\"credits_per_image\":8}]}"));
    server.enqueue(ok("{\"object\":\"list\"}"));
    try (GptImageHubClient client = HubWire.client(server)) {
      List<GptImageHubModel> bare = client.models().catalog();
      assertThat(bare).hasSize(1);
      assertThat(bare.get(0).id()).isEqualTo("gpt-image-2");
      assertThat(bare.get(0).aspectRatios()).containsExactly("1:1");
      assertThat(bare.get(0).qualities()).containsExactly("1K", "2K");
      assertThat(bare.get(0).creditsPerImage()).isEqualTo(new BigDecimal("0.50"));
      assertThat(bare.get(0).provider()).isNull();

      GptImageHubModel wrapped = client.models().catalog().get(0);
      assertThat(wrapped.creditsPerImage()).isEqualTo(new BigDecimal("8"));
      assertThat(wrapped.referenceImageLimit()).isNull();
      assertThat(wrapped.aspectRatios()).isEmpty();
      assertThat(wrapped.raw().get("credits_per_image")).isEqualTo(8.0);

      assertThat(client.models().catalog()).isEmpty();
    }
  }

  @Test
  void theLastListIsKeptForChecksAndRefreshedByEachListing() {
    server.enqueue(ok(models(16)));
    server.enqueue(ok(models(3)));
    try (GptImageHubClient client = HubWire.client(server)) {
      assertThat(client.models().find("gpt-image-2").orElseThrow().referenceImageLimit()).isEqualTo(16);
      assertThat(client.models().find("gpt-image-2").orElseThrow().referenceImageLimit()).isEqualTo(16);
      assertThat(client.models().find("nope")).isEmpty();
      assertThat(server.getRequestCount()).isEqualTo(1);
      client.models().list();
      assertThat(client.models().cachedCatalog().get(0).referenceImageLimit()).isEqualTo(3);
    }
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void rawListingKeepsHttpDetails() {
    server.enqueue(new MockResponse.Builder().setHeader("Content-Type", "application/json")
        .setHeader("X-Request-Id", "models-1").body(models(16)).build());
    try (GptImageHubClient client = HubWire.client(server)) {
      RawResponse<List<ModelInfo>> raw = client.models().withRawResponse().list();
      assertThat(raw.status()).isEqualTo(200);
      assertThat(raw.requestId()).isEqualTo("models-1");
      assertThat(raw.body()).extracting(ModelInfo::id).containsExactly("gpt-image-2");
    }
  }

  @Test
  void anAnswerThatIsNotAModelListIsAClearError() {
    server.enqueue(ok("{\"data\":{\"id\":\"gpt-image-2\"}}"));
    server.enqueue(new MockResponse.Builder().setHeader("Content-Type", "text/html").body("<html>maintenance</html>").build());
    try (GptImageHubClient client = HubWire.client(server)) {
      assertThatThrownBy(() -> client.models().list())
          .isInstanceOfSatisfying(AigwException.class, e -> assertThat(e.vendor()).isEqualTo("gptimagehub"))
          .hasMessageContaining("the model list is not the JSON expected");
      assertThatThrownBy(() -> client.models().list())
          .isInstanceOf(AigwException.class)
          .hasMessageContaining("expected a JSON answer but got: <html>maintenance</html>");
    }
  }
}
