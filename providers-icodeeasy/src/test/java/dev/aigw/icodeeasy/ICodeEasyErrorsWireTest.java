package dev.aigw.icodeeasy;

import static dev.aigw.icodeeasy.ICodeEasyWire.error;
import static dev.aigw.icodeeasy.ICodeEasyWire.fixture;
import static dev.aigw.icodeeasy.ICodeEasyWire.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.aigw.core.error.ApiException;
import dev.aigw.core.error.AuthenticationException;
import dev.aigw.core.error.BadRequestException;
import dev.aigw.core.error.NotFoundException;
import dev.aigw.core.error.PaymentRequiredException;
import dev.aigw.core.error.RateLimitException;
import dev.aigw.core.error.ServerException;
import dev.aigw.core.error.UpstreamTimeoutException;
import dev.aigw.core.image.ImageResult;
import dev.aigw.core.operation.Operation;
import java.util.function.Function;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/**
 * 오류 응답 ("Error bodies use {error:{type, message, provider}}"): each documented type becomes its
 * exception with the server's message, on the sync call, the async submission and a task poll.
 */
class ICodeEasyErrorsWireTest {
  @StartStop final MockWebServer server = new MockWebServer();

  /** The three calls that can meet an error. */
  enum Call {
    SYNC(c -> c.images().generateSync(ICodeEasyImagesWireTest.minimal())),
    SUBMIT(c -> c.images().submit(ICodeEasyImagesWireTest.minimal())),
    POLL(c -> c.images().resume(ICodeEasyImagesWireTest.TASK_ID).poll());

    final Function<ICodeEasyClient, Object> run;

    Call(Function<ICodeEasyClient, Object> run) {
      this.run = run;
    }
  }

  private Throwable failureOf(Call call, int retries) {
    try (ICodeEasyClient client = ICodeEasyWire.builder(server).maxRetries(retries).build()) {
      return catchThrowable(() -> call.run.apply(client));
    }
  }

  @ParameterizedTest(name = "{0} on {1}")
  @CsvSource(delimiter = '|', value = {
      "400 | invalid_request_error | BadRequestException        | unsupported ratio: 7:5",
      "401 | authentication_error  | AuthenticationException    | missing or invalid API Key",
      "402 | payment_required      | PaymentRequiredException   | insufficient balance or exhausted monthly quota",
      "429 | rate_limit_error      | RateLimitException         | rate limit exceeded",
      "500 | server_error          | ServerException            | generation failed, retry later",
      "503 | server_error          | ServerException            | service temporarily unavailable"})
  void eachErrorTypeBecomesItsExceptionWithTheServersMessage(int status, String type, String exception, String message) {
    for (Call call : Call.values()) {
      server.enqueue(error(status, type, message));
      Throwable thrown = failureOf(call, 0);
      assertThat(thrown).as(call.name()).isInstanceOf(ApiException.class);
      assertThat(thrown.getClass().getSimpleName()).as(call.name()).isEqualTo(exception);
      ApiException e = (ApiException) thrown;
      assertThat(e.status()).isEqualTo(status);
      assertThat(e.type()).isEqualTo(type);
      assertThat(e.vendor()).isEqualTo("icodeeasy");
      assertThat(e.vendorMessage()).isEqualTo(message);
      // with retries off, a failure a retry might have fixed says it was not retried
      assertThat(e).hasMessage("[icodeeasy] " + status + " " + type + ": " + message
          + (status >= 429 ? " — not retried: retries are off (maxRetries 0)" : ""));
    }
  }

  /** The doc's own error body. */
  @ParameterizedTest
  @EnumSource(Call.class)
  void theDocumentedErrorBodyIsAServerException(Call call) {
    server.enqueue(json(502, fixture("error-response.json")));
    Throwable thrown = failureOf(call, 0);
    assertThat(thrown).isInstanceOfSatisfying(ServerException.class, e -> {
      assertThat(e.type()).isEqualTo("server_error");
      assertThat(e.vendorMessage()).isEqualTo("...");
      assertThat(e.details().body()).isEqualTo(fixture("error-response.json"));
    }).hasMessage("[icodeeasy] 502 server_error: ... — not retried: retries are off (maxRetries 0)");
  }

  @Test
  void theTypeDecidesEvenWhenTheStatusSaysOtherwise() {
    server.enqueue(error(403, "authentication_error", "key disabled"));
    server.enqueue(error(400, "rate_limit_error", "slow down"));
    server.enqueue(error(422, "payment_required", "monthly quota exhausted"));
    assertThat(failureOf(Call.SYNC, 0)).isInstanceOf(AuthenticationException.class);
    assertThat(failureOf(Call.SYNC, 0)).isInstanceOf(RateLimitException.class);
    assertThat(failureOf(Call.SYNC, 0)).isInstanceOf(PaymentRequiredException.class);
  }

  @Test
  void otherStatusesMapByStatus() {
    server.enqueue(error(404, "not_found_error", "task not found"));
    server.enqueue(new MockResponse.Builder().code(504)
        .body("<html><head><title>504 Gateway Time-out</title></head></html>").build());
    server.enqueue(json(400, "{\"error\":\"plain string error\"}"));
    assertThat(failureOf(Call.POLL, 0)).isInstanceOf(NotFoundException.class).hasMessage(
        "[icodeeasy] 404 not_found_error: task not found");
    assertThat(failureOf(Call.SYNC, 0)).isInstanceOf(UpstreamTimeoutException.class)
        .hasMessageContaining("504 Gateway Time-out");
    assertThat(failureOf(Call.SUBMIT, 0)).isInstanceOf(BadRequestException.class)
        .hasMessage("[icodeeasy] 400: plain string error");
  }

  @Test
  void theKeyIsNeverEchoedInAnException() {
    server.enqueue(error(401, "authentication_error", "invalid key " + ICodeEasyWire.KEY));
    Throwable thrown = failureOf(Call.SUBMIT, 0);
    assertThat(thrown).isInstanceOf(AuthenticationException.class);
    assertThat(thrown.getMessage()).doesNotContain(ICodeEasyWire.KEY).contains("invalid key");
    assertThat(((ApiException) thrown).details().body()).doesNotContain(ICodeEasyWire.KEY);
  }

  @Test
  void aTaskPollThatKeepsFailingEndsTheWaitWithTheError() {
    server.enqueue(json(202, fixture("async-submit-response.json")));
    for (int i = 0; i < 12; i++) {
      server.enqueue(error(401, "authentication_error", "key revoked"));
    }
    try (ICodeEasyClient client = ICodeEasyWire.client(server)) {
      Operation<ImageResult> op = client.images().submit(ICodeEasyImagesWireTest.minimal());
      assertThatThrownBy(() -> op.waitForCompletion(ICodeEasyWire.WAIT))
          .isInstanceOf(AuthenticationException.class)
          .hasMessage("[icodeeasy] 401 authentication_error: key revoked");
    }
  }
}
