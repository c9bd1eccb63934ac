package dev.aigw.gptimage2;

import static dev.aigw.gptimage2.GptImage2TestWire.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.aigw.core.error.AigwException;
import dev.aigw.core.image.ImageRequest;
import dev.aigw.core.image.ImageResult;
import dev.aigw.core.operation.Operation;
import dev.aigw.testkit.FakeGptImage2;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A generation's polls survive bad answers: an empty or malformed 200 is tolerated like any
 * transient failure, and when too many come in a row the exception names the vendor and the
 * generation and says it can be resumed — and resuming it finds it, charged once.
 */
@Timeout(60)
class GptImage2PollResilienceTest {
  private static final String POLLS = "/api/v1/generations/";

  private FakeGptImage2 fake;
  private GptImage2Client client;

  @BeforeEach
  void start() {
    fake = FakeGptImage2.start();
    fake.tasks().pollsToFinish(2);
    client = GptImage2TestWire.builder(fake.baseUrl(), fake.apiKey()).build(); // tolerates 3 failed polls in a row
  }

  @AfterEach
  void stop() {
    client.close();
    fake.close();
  }

  private static ImageRequest lighthouse() {
    return ImageRequest.builder().prompt("A lighthouse at dawn, 35 mm photo").build();
  }

  @Test
  void emptyAndMalformedPollAnswersAreToleratedAndTheGenerationCompletes() {
    fake.faults().replaceNextAnswer(POLLS, 200, "application/json", "");
    fake.faults().replaceNextAnswer(POLLS, 200, "application/json", "{\"id\":\"gen\",\"status\":");

    ImageResult result = client.images().submit(lighthouse()).waitForCompletion(WAIT);

    assertThat(result.images()).hasSize(1);
    assertThat(fake.faults().pending()).isZero();
    assertThat(fake.journal().chargesOnly()).hasSize(1);
  }

  @Test
  void tooManyBadPollAnswersInARowNameTheGenerationAndSayItCanBeResumed() {
    Operation<ImageResult> op = client.images().submit(lighthouse());
    for (int i = 0; i < 4; i++) {
      fake.faults().replaceNextAnswer(POLLS, 200, "text/html", "<html>maintenance</html>");
    }

    Throwable e = catchThrowable(() -> op.waitForCompletion(WAIT));

    assertThat(e).isInstanceOf(AigwException.class)
        .hasMessageStartingWith("[gptimage2] operation " + op.id() + ": 4 polls in a row failed, so polling stopped;"
            + " the last: the server's answer is not the JSON documented: ")
        .hasMessageEndingWith(". The task may still finish on the server (last status seen: QUEUED): resume(\""
            + op.id() + "\") to follow it again");
    assertThat(((AigwException) e).vendor()).isEqualTo("gptimage2");
    ImageResult resumed = client.images().resume(op.id()).waitForCompletion(WAIT);
    assertThat(resumed.id()).isEqualTo(op.id());
    assertThat(fake.journal().chargesOnly()).hasSize(1);
  }
}
