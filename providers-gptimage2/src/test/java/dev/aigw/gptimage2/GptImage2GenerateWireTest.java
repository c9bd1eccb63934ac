package dev.aigw.gptimage2;

import static dev.aigw.gptimage2.GptImage2TestWire.accepted;
import static dev.aigw.gptimage2.GptImage2TestWire.assertGeneratedKey;
import static dev.aigw.gptimage2.GptImage2TestWire.assertJsonPost;
import static dev.aigw.gptimage2.GptImage2TestWire.body;
import static dev.aigw.gptimage2.GptImage2TestWire.bodyText;
import static dev.aigw.gptimage2.GptImage2TestWire.fixture;
import static dev.aigw.gptimage2.GptImage2TestWire.json;
import static dev.aigw.gptimage2.GptImage2TestWire.ok;
import static dev.aigw.gptimage2.GptImage2TestWire.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aigw.core.error.AigwException;
import dev.aigw.core.http.RawResponse;
import dev.aigw.core.image.ImageRequest;
import dev.aigw.core.image.ImageResult;
import dev.aigw.core.image.Quality;
import dev.aigw.core.operation.Operation;
import dev.aigw.core.operation.OperationStatus;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /api/v1/generate} on the wire (doc section "POST /api/v1/generate"): the exact JSON
 * body, the headers with the {@code Idempotency-Key}, and the documented 202 answer.
 */
class GptImage2GenerateWireTest {
  @StartStop final MockWebServer server = new MockWebServer();

  static final String PROMPT = "A lighthouse at dawn, 35 mm photo, soft light";

  @Test
  void sendsEveryDocumentedFieldInTheDocumentedForm() throws Exception {
    server.enqueue(accepted("gen_1"));
    try (GptImage2Client client = GptImage2TestWire.client(server)) {
      client.images().submit(ImageRequest.builder().prompt(PROMPT).size(1536, 1024).quality(Quality.HIGH).n(2).build());
    }

    RecordedRequest request = server.takeRequest();
    String key = assertJsonPost(request, "/api/v1/generate");
    assertGeneratedKey(key);
    assertThat(request.getHeaders().get("Accept")).startsWith("application/json");
    assertThat(bodyText(request)).isEqualTo("{\"prompt\":\"" + PROMPT + "\",\"type\":\"text2img\","
        + "\"size\":\"1536x1024\",\"quality\":\"high\",\"n\":2}");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void aPromptAloneSendsOnlyThePromptAndTheType() throws Exception {
    server.enqueue(accepted("gen_1"));
    try (GptImage2Client client = GptImage2TestWire.client(server)) {
      client.images().submit(ImageRequest.builder().prompt(PROMPT).build());
    }

    assertThat(body(server.takeRequest())).isEqualTo(Map.of("prompt", PROMPT, "type", "text2img"));
  }

  @Test
  void theThreeAspectRatiosBecomeTheThreeSizes() throws Exception {
    try (GptImage2Client client = GptImage2TestWire.client(server)) {
      for (int[] ratio : new int[][] {{1, 1}, {2, 3}, {3, 2}, {16, 16}}) {
        server.enqueue(accepted("gen_1"));
        client.images().submit(ImageRequest.builder().prompt(PROMPT).aspectRatio(ratio[0], ratio[1]).build());
      }
      server.enqueue(accepted("gen_1"));
      client.images().submit(ImageRequest.builder().prompt(PROMPT).aspectRatio(2, 3).size(1024, 1536).build());
    }

    for (String size : List.of("1024x1024", "1024x1536", "1536x1024", "1024x1024", "1024x1536")) {
      assertThat(body(server.takeRequest())).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
          .containsEntry("size", size);
    }
  }

  @Test
  void everyQualityIsSentInLowerCase() throws Exception {
    try (GptImage2Client client = GptImage2TestWire.client(server)) {
      for (Quality q : List.of(Quality.LOW, Quality.MEDIUM, Quality.HIGH)) {
        server.enqueue(accepted("gen_1"));
        client.images().submit(ImageRequest.builder().prompt(PROMPT).quality(q).build());
      }
    }

    for (String q : List.of("low", "medium", "high")) {
      assertThat(bodyText(server.takeRequest())).contains("\"quality\":\"" + q + "\"");
    }
  }

  @Test
  void keysTheCallerAlreadyHasMakeAnEditWithoutAnyUpload() throws Exception {
    server.enqueue(accepted("gen_1"));
    try (GptImage2Client client = GptImage2TestWire.client(server)) {
      client.images().submit(ImageRequest.builder().prompt("make the sky purple")
          .vendorOption(GptImage2Options.inputImageKeys(List.of("uploads/a/cat.png", "uploads/b/dog.png"))).build());
    }

    RecordedRequest request = server.takeRequest();
    assertJsonPost(request, "/api/v1/generate");
    assertThat(bodyText(request)).isEqualTo("{\"prompt\":\"make the sky purple\",\"type\":\"edit\","
        + "\"inputImageKeys\":[\"uploads/a/cat.png\",\"uploads/b/dog.png\"]}");
    assertThat(server.getRequestCount()).as("no upload").isEqualTo(1);
  }

  @Test
  void theCallersOwnIdempotencyKeyIsSentAsIs() throws Exception {
    server.enqueue(accepted("gen_1"));
    server.enqueue(accepted("gen_1"));
    ImageRequest request = ImageRequest.builder().prompt(PROMPT)
        .vendorOption(GptImage2Options.idempotencyKey("order-2026-0042")).build();
    try (GptImage2Client client = GptImage2TestWire.client(server)) {
      client.images().submit(request);
      client.images().submit(request);
    }

    assertThat(server.takeRequest().getHeaders().get("Idempotency-Key")).isEqualTo("order-2026-0042");
    assertThat(server.takeRequest().getHeaders().get("Idempotency-Key"))
        .as("a resubmission with the caller's key finds the same generation").isEqualTo("order-2026-0042");
  }

  @Test
  void eachSubmissionWithoutACallerKeyGetsAFreshOne() throws Exception {
    server.enqueue(accepted("gen_1"));
    server.enqueue(accepted("gen_2"));
    ImageRequest request = ImageRequest.builder().prompt(PROMPT).build();
    try (GptImage2Client client = GptImage2TestWire.client(server)) {
      client.images().submit(request);
      client.images().submit(request);
    }

    String first = server.takeRequest().getHeaders().get("Idempotency-Key");
    String second = server.takeRequest().getHeaders().get("Idempotency-Key");
    assertGeneratedKey(first);
    assertGeneratedKey(second);
    assertThat(second).isNotEqualTo(first);
  }

  @Test
  void extraBodyFieldsAreSentAsGiven() throws Exception {
    server.enqueue(accepted("gen_1"));
    try (GptImage2Client client = GptImage2TestWire.client(server)) {
      client.images().submit(ImageRequest.builder().prompt(PROMPT).extraBody("style", "film").build());
    }

    assertThat(bodyText(server.takeRequest())).isEqualTo("{\"prompt\":\"" + PROMPT + "\",\"type\":\"text2img\","
        + "\"style\":\"film\"}");
  }

  /** Doc: 202 Accepted {@code { "generationId": "...", "status": "queued" }}. */
  @Test
  void theDocumented202AnswerStartsAQueuedOperation() throws Exception {
    server.enqueue(json(202, fixture("generate-202-accepted.json")));
    RawResponse<Operation<ImageResult>> raw;
    try (GptImage2Client client = GptImage2TestWire.client(server)) {
      raw = client.images().withRawResponse().submit(ImageRequest.builder().prompt(PROMPT).build());
    }

    assertThat(raw.status()).isEqualTo(202);
    assertThat(raw.attempts()).isEqualTo(1);
    Operation<ImageResult> op = raw.body();
    assertThat(op.id()).isEqualTo("...");
    assertThat(op.vendor()).isEqualTo("gptimage2");
    assertThat(op.status()).isEqualTo(OperationStatus.QUEUED);
    assertThat(op.snapshot().vendorStatus()).isEqualTo("queued");
    assertThat(op.snapshot().raw().value()).isEqualTo(parse(fixture("generate-202-accepted.json")));
    assertThat(op.isDone()).isFalse();
    assertThat(server.getRequestCount()).as("submitting does not poll").isEqualTo(1);
  }

  @Test
  void anIdFieldIsReadWhenGenerationIdIsMissing() {
    server.enqueue(json(202, "{\"id\":\"gen_7\",\"status\":\"running\"}"));
    try (GptImage2Client client = GptImage2TestWire.client(server)) {
      Operation<ImageResult> op = client.images().submit(ImageRequest.builder().prompt(PROMPT).build());
      assertThat(op.id()).isEqualTo("gen_7");
      assertThat(op.status()).isEqualTo(OperationStatus.RUNNING);
    }
  }

  @Test
  void anAnswerWithoutAnIdIsAClearError() {
    server.enqueue(ok("{\"status\":\"queued\"}"));
    try (GptImage2Client client = GptImage2TestWire.client(server)) {
      assertThatThrownBy(() -> client.images().submit(ImageRequest.builder().prompt(PROMPT).build()))
          .isInstanceOf(AigwException.class)
          .hasMessageStartingWith("[gptimage2] the image submission was accepted but its answer has no generationId, so"
              + " it cannot be followed: {\"status\":\"queued\"}. The work may exist and be charged: resubmit with"
              + " idempotency key ")
          .hasMessageEndingWith(" to get it without a second charge");
    }
  }
}
