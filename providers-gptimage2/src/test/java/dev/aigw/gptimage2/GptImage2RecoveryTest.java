package dev.aigw.gptimage2;

import static dev.aigw.gptimage2.GptImage2TestWire.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.aigw.core.error.AigwException;
import dev.aigw.core.error.ConnectionException;
import dev.aigw.core.error.MalformedResponseException;
import dev.aigw.core.image.ImageRequest;
import dev.aigw.core.image.ImageResult;
import dev.aigw.core.operation.Operation;
import dev.aigw.testkit.FakeGptImage2;
import dev.aigw.testkit.Journal;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * No paid work lost at gptimage2.plus: a generation whose every answer was lost after the server
 * accepted it fails with an exception that says the work may exist and carries the {@code
 * Idempotency-Key} it was sent with; resubmitting with that key finds the original generation,
 * charged once (the fake deduplicates by key, as the vendor documents).
 */
@Timeout(60)
class GptImage2RecoveryTest {
  private FakeGptImage2 fake;
  private GptImage2Client client;
  private GptImage2TestWire.LogCapture logs;

  @BeforeEach
  void start() {
    fake = FakeGptImage2.start();
    fake.tasks().pollsToFinish(2);
    client = GptImage2TestWire.builder(fake.baseUrl(), fake.apiKey()).build();
    logs = new GptImage2TestWire.LogCapture();
  }

  @AfterEach
  void stop() {
    logs.close();
    client.close();
    fake.close();
  }

  private static ImageRequest.Builder lighthouse() {
    return ImageRequest.builder().prompt("A lighthouse at dawn, 35 mm photo");
  }

  /** The {@code Idempotency-Key} of every generation request the fake received, in order. */
  private List<String> generateKeys() {
    return fake.journal().requests("POST", "/api/v1/generate").stream()
        .map(e -> e.headers().get("idempotency-key")).toList();
  }

  /** Every attempt (the first and 2 retries) is accepted, then its connection is cut. */
  private ConnectionException cutOnEveryAttempt() {
    for (int i = 0; i < 3; i++) {
      fake.faults().dropNextConnectionAfterHandling("/api/v1/generate");
    }
    return catchThrowableOfType(ConnectionException.class, () -> client.images().submit(lighthouse().build()));
  }

  @Test
  void aGenerationCutOnEveryAttemptSaysTheWorkMayExistAndCarriesTheKeyItWasSentWith() {
    ConnectionException e = cutOnEveryAttempt();

    assertThat(generateKeys()).hasSize(3).containsOnly(generateKeys().get(0));
    String key = generateKeys().get(0);
    assertThat(e.idempotencyKey()).contains(key);
    assertThat(e.requestSent()).isTrue();
    assertThat(e.getMessage()).startsWith("[gptimage2] POST /api/v1/generate failed: ")
        .endsWith(" — not retried: the 2 retries allowed were used; the work may have been done and charged:"
            + " resubmit with idempotency key " + key + " to get it without a second charge")
        .doesNotContain(fake.apiKey());
    assertThat(logs.lines()).filteredOn(l -> l.contains("not retrying")).singleElement().asString()
        .startsWith("[gptimage2] not retrying POST /api/v1/generate after ")
        .endsWith(": the 2 retries allowed were used; the work may have been done and charged: resubmit with"
            + " idempotency key " + key + " to get it without a second charge");
    assertThat(fake.journal().requests("POST", "/api/v1/generate")).extracting(Journal.Entry::status)
        .containsExactly(-1, -1, -1);
    assertThat(fake.tasks().size()).as("the generation exists").isEqualTo(1);
    assertThat(fake.journal().chargesOnly()).as("and was charged").hasSize(1);
  }

  @Test
  void resubmittingWithTheKeyFromTheExceptionFindsTheOriginalGenerationChargedOnce() {
    ConnectionException e = cutOnEveryAttempt();
    String original = fake.journal().chargesOnly().get(0).reference();

    Operation<ImageResult> again = client.images().submit(lighthouse()
        .vendorOption(GptImage2Options.idempotencyKey(e.idempotencyKey().orElseThrow())).build());
    ImageResult result = again.waitForCompletion(WAIT);

    assertThat(again.id()).as("the original generation").isEqualTo(original);
    assertThat(result.id()).isEqualTo(original);
    assertThat(again.idempotencyKey()).isEqualTo(e.idempotencyKey());
    assertThat(result.images()).hasSize(1);
    assertThat(fake.tasks().size()).isEqualTo(1);
    assertThat(fake.journal().chargesOnly()).singleElement()
        .satisfies(c -> assertThat(c.reference()).isEqualTo(original));
    assertThat(fake.journal().netCharged()).isEqualByComparingTo("2");
    assertThat(generateKeys()).hasSize(4).containsOnly(e.idempotencyKey().get());
  }

  @Test
  void anOperationCarriesTheIdempotencyKeyItsSubmissionWasSentWith() {
    Operation<ImageResult> generated = client.images().submit(lighthouse().build());
    Operation<ImageResult> own = client.images().submit(lighthouse()
        .vendorOption(GptImage2Options.idempotencyKey("order-2026-0077")).build());

    assertThat(generated.idempotencyKey()).contains(generateKeys().get(0));
    GptImage2TestWire.assertGeneratedKey(generated.idempotencyKey().orElseThrow());
    assertThat(own.idempotencyKey()).contains("order-2026-0077");
    assertThat(generateKeys().get(1)).isEqualTo("order-2026-0077");
    assertThat(client.images().resume(generated.id()).idempotencyKey()).as("a resumed one has none").isEmpty();
  }

  @Test
  void anAcceptedGenerationWhoseAnswerCannotBeReadSaysSoAndCanBeFoundByItsKey() {
    fake.faults().replaceNextAnswer("/api/v1/generate", 202, "text/html", "<html>edge cache</html>");

    MalformedResponseException e = catchThrowableOfType(MalformedResponseException.class,
        () -> client.images().submit(lighthouse().build()));

    String key = generateKeys().get(0);
    assertThat(e).hasMessage("[gptimage2] expected a JSON answer but got: <html>edge cache</html> — not retried: the"
        + " server accepted the request (HTTP 202) but its answer could not be read; the work may have been done and"
        + " charged: resubmit with idempotency key " + key + " to get it without a second charge");
    assertThat(e.idempotencyKey()).contains(key);
    Operation<ImageResult> found = client.images().submit(lighthouse()
        .vendorOption(GptImage2Options.idempotencyKey(key)).build());
    assertThat(found.id()).isEqualTo(fake.journal().chargesOnly().get(0).reference());
    assertThat(fake.journal().chargesOnly()).hasSize(1);
  }

  @Test
  void aRefusedGenerationCarriesItsKeyButClaimsNoWork() {
    fake.blockPromptsContaining("forbidden");

    AigwException e = catchThrowableOfType(AigwException.class,
        () -> client.images().submit(lighthouse().prompt("a forbidden thing").build()));

    assertThat(e.getMessage()).isEqualTo("[gptimage2] 422 content_policy: The prompt was blocked by the content policy");
    assertThat(e.idempotencyKey()).contains(generateKeys().get(0));
    assertThat(fake.journal().chargesOnly()).isEmpty();
  }
}
