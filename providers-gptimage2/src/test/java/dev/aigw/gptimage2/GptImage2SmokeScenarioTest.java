package dev.aigw.gptimage2;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aigw.core.http.RetryPolicy;
import dev.aigw.core.image.ImageRequest;
import dev.aigw.core.image.ImageResult;
import dev.aigw.core.media.MediaInput;
import dev.aigw.core.operation.PollingStrategy;
import dev.aigw.core.webhook.WebhookReceiver;
import dev.aigw.testkit.FakeGptImage2;
import dev.aigw.testkit.TestMedia;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GptImage2SmokeScenarioTest {
  @Test
  void editFromALocalFileAndAVerifiedWebhook(@TempDir Path dir) throws Exception {
    try (FakeGptImage2 fake = FakeGptImage2.start(); MockWebServer hook = new MockWebServer()) {
      hook.enqueue(new MockResponse.Builder().code(200).build());
      hook.start();
      fake.tasks().pollsToFinish(1);
      GptImage2Client client = GptImage2Client.builder().apiKey(fake.apiKey()).baseUrl(fake.baseUrl())
          .retryPolicy(new RetryPolicy(2, Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofSeconds(5)))
          .polling(PollingStrategy.fixed(Duration.ofMillis(5), Duration.ofSeconds(5))).build();
      // the fake's webhook endpoint must be https by the SDK's check; register through a raw URL the fake accepts
      WebhookRegistration reg = client.webhooks().register(fake.sessionCookie(),
          "https://example.invalid/hooks", List.of("generation.succeeded"), "test");
      assertThat(reg.secret().toString()).doesNotContain(reg.secret().reveal());

      Path input = Files.write(dir.resolve("cat.png"), TestMedia.png(32, 32, 7));
      ImageResult result = client.images().submit(ImageRequest.builder().prompt("make it blue")
          .reference(MediaInput.file(input)).size(1536, 1024).build()).waitForCompletion(Duration.ofSeconds(5));
      assertThat(result.first().width()).isEqualTo(1536);
      Path saved = result.first().saveTo(dir.resolve("out.png"));
      assertThat(javax.imageio.ImageIO.read(saved.toFile())).isNotNull();
      assertThat(GptImage2Images.generation(result).outputs().get(0).webp()).endsWith(".webp");
      String generate = fake.journal().requests("POST", "/api/v1/generate").get(0).body();
      assertThat(generate).contains("\"type\":\"edit\"").contains("\"inputImageKeys\":[\"uploads/");
      assertThat(fake.journal().requests("POST", "/api/v1/generate").get(0).headers()).containsKey("idempotency-key");

      WebhookReceiver<GptImage2Event> receiver = client.webhooks().receiver(reg.secret());
      String body = "{\"event\":\"generation.succeeded\",\"data\":{\"generationId\":\"g1\",\"type\":\"text2img\","
          + "\"status\":\"succeeded\",\"outputs\":[{\"png\":\"p\",\"webp\":\"w\",\"width\":1024,\"height\":1024}]}}";
      String sig = dev.aigw.core.webhook.WebhookVerifier.hmacSha256("t", reg.secret()).sign(body.getBytes());
      Optional<WebhookReceiver.Delivery<GptImage2Event>> first = receiver.receive(body.getBytes(),
          java.util.Map.of("X-Gptimg-Signature", sig, "X-Gptimg-Delivery", "d-1", "X-Gptimg-Event", "generation.succeeded"));
      assertThat(first).isPresent();
      assertThat(first.get().event().generation().id()).isEqualTo("g1");
      assertThat(receiver.receive(body.getBytes(), java.util.Map.of("X-Gptimg-Signature", sig, "X-Gptimg-Delivery", "d-1")))
          .isEmpty();
    }
  }
}
