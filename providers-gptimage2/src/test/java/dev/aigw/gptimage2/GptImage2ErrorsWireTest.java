package dev.aigw.gptimage2;

import static dev.aigw.gptimage2.GptImage2TestWire.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.aigw.core.error.ApiException;
import dev.aigw.core.error.AuthenticationException;
import dev.aigw.core.error.BadRequestException;
import dev.aigw.core.error.ContentPolicyException;
import dev.aigw.core.error.PaymentRequiredException;
import dev.aigw.core.error.PermissionDeniedException;
import dev.aigw.core.image.ImageRequest;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

/**
 * The documented errors of {@code POST /api/v1/generate} (doc section "응답"): 400 with the Zod
 * validation message, 401, 402, 403 (plan), 422 (content policy) — each its own exception, with
 * the vendor's message, and none retried. The doc shows no error body; the bodies here are the
 * shapes such a server sends, and the one {@code FakeGptImage2} sends.
 */
class GptImage2ErrorsWireTest {
  @StartStop final MockWebServer server = new MockWebServer();

  static final ImageRequest REQUEST = ImageRequest.builder().prompt("a lighthouse").build();

  private <E extends ApiException> E submitFails(MockResponse answer, Class<E> type) {
    server.enqueue(answer);
    E e;
    try (GptImage2Client client = GptImage2TestWire.client(server)) {
      e = catchThrowableOfType(type, () -> client.images().submit(REQUEST));
    }
    assertThat(e).as("a %s", type.getSimpleName()).isNotNull();
    assertThat(e.vendor()).isEqualTo("gptimage2");
    assertThat(server.getRequestCount()).as("a 4xx is not retried").isEqualTo(1);
    return e;
  }

  @Test
  void a400CarriesTheZodValidationMessage() {
    BadRequestException e = submitFails(json(400, "{\"error\":\"Invalid request body\",\"issues\":[{\"code\":\"too_big\","
        + "\"maximum\":4000,\"type\":\"string\",\"inclusive\":true,\"path\":[\"prompt\"],"
        + "\"message\":\"String must contain at most 4000 character(s)\"}]}"), BadRequestException.class);

    assertThat(e.status()).isEqualTo(400);
    assertThat(e.vendorMessage())
        .isEqualTo("Invalid request body: prompt: String must contain at most 4000 character(s)");
    assertThat(e.getMessage())
        .isEqualTo("[gptimage2] 400: Invalid request body: prompt: String must contain at most 4000 character(s)");
  }

  @Test
  void a400WithAZodErrorAsTheErrorKeepsItsMessage() {
    BadRequestException e = submitFails(json(400, "{\"error\":{\"name\":\"ZodError\",\"issues\":[{\"path\":[\"size\"],"
        + "\"message\":\"Invalid enum value. Expected '1024x1024' | '1024x1536' | '1536x1024', received '512x512'\"}]}}"),
        BadRequestException.class);

    assertThat(e.vendorMessage())
        .isEqualTo("size: Invalid enum value. Expected '1024x1024' | '1024x1536' | '1536x1024', received '512x512'");
  }

  @Test
  void a400AsTheFakeSendsIt() {
    BadRequestException e = submitFails(json(400, "{\"error\":\"inputImageKeys: unknown key uploads/x\","
        + "\"code\":\"invalid_body\"}"), BadRequestException.class);

    assertThat(e.code()).isEqualTo("invalid_body");
    assertThat(e.getMessage()).isEqualTo("[gptimage2] 400 invalid_body: inputImageKeys: unknown key uploads/x");
  }

  @Test
  void a401IsAnAuthenticationError() {
    AuthenticationException e = submitFails(json(401, "{\"error\":\"Missing or invalid bearer key\"}"),
        AuthenticationException.class);

    assertThat(e.getMessage()).isEqualTo("[gptimage2] 401: Missing or invalid bearer key")
        .doesNotContain(GptImage2TestWire.KEY);
  }

  @Test
  void a402SaysCreditsOrTheMonthlyComputeLimit() {
    PaymentRequiredException e = submitFails(json(402, "{\"error\":\"Monthly compute limit reached\"}"),
        PaymentRequiredException.class);

    assertThat(e.status()).isEqualTo(402);
    assertThat(e.vendorMessage()).isEqualTo("Monthly compute limit reached");
  }

  @Test
  void a403IsAPlanThatLacksTheApi() {
    PermissionDeniedException e = submitFails(json(403, "{\"error\":\"Pro or Max plan required\",\"code\":\"plan_required\"}"),
        PermissionDeniedException.class);

    assertThat(e.code()).isEqualTo("plan_required");
    assertThat(e.getMessage()).isEqualTo("[gptimage2] 403 plan_required: Pro or Max plan required");
  }

  @Test
  void a422IsAContentPolicyRefusal() {
    ContentPolicyException e = submitFails(json(422, "{\"error\":\"Prompt blocked by content policy\"}"),
        ContentPolicyException.class);

    assertThat(e.status()).isEqualTo(422);
    assertThat(e.getMessage()).isEqualTo("[gptimage2] 422: Prompt blocked by content policy");
  }

  @Test
  void anHtmlPageFromAProxyIsReadable() {
    ApiException e = submitFails(new MockResponse.Builder().code(403).setHeader("Content-Type", "text/html")
        .body("<html><head><title>Attention Required! | Cloudflare</title></head></html>").build(),
        PermissionDeniedException.class);

    assertThat(e.vendorMessage()).isEqualTo("HTTP 403 with an HTML page instead of an API answer (likely from a proxy): "
        + "Attention Required! | Cloudflare");
  }
}
