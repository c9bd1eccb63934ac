package dev.aigw.cloudgpt;

import static dev.aigw.cloudgpt.CloudGptWire.assertBodiless;
import static dev.aigw.cloudgpt.CloudGptWire.assertJsonPost;
import static dev.aigw.cloudgpt.CloudGptWire.body;
import static dev.aigw.cloudgpt.CloudGptWire.fixture;
import static dev.aigw.cloudgpt.CloudGptWire.json;
import static dev.aigw.cloudgpt.CloudGptWire.ok;
import static dev.aigw.cloudgpt.CloudGptWire.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.aigw.core.Secret;
import dev.aigw.core.error.AigwException;
import dev.aigw.core.error.MalformedResponseException;
import dev.aigw.core.error.NotFoundException;
import dev.aigw.core.error.ValidationException;
import dev.aigw.core.http.RawResponse;
import java.time.Instant;
import java.util.List;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** {@code POST /api/keys}, {@code GET /api/keys}, {@code DELETE /api/keys/:id} (doc section "API Key Management"). */
class CloudGptKeysWireTest {
  @StartStop final MockWebServer server = new MockWebServer();

  /** The full key in the doc's Create API Key — Response. */
  static final String NEW_KEY = "cgpt_xyz789...";

  /** API Key Management — Create: the doc's request body, and its answer as a {@link CreatedApiKey}. */
  @Test
  void createSendsTheDocumentedBodyAndReturnsTheKeyAsASecret() throws Exception {
    server.enqueue(ok(fixture("keys-create-response.json")));
    CreatedApiKey created;
    try (CloudGptClient client = CloudGptWire.client(server)) {
      created = client.keys().create("My Production Key");
    }
    RecordedRequest request = server.takeRequest();
    assertJsonPost(request, "/api/keys");
    assertThat(body(request)).isEqualTo(parse(fixture("keys-create-request.json")));
    assertThat(created.id()).isEqualTo("key_abc123");
    assertThat(created.name()).isEqualTo("My Production Key");
    assertThat(created.created()).isEqualTo(Instant.ofEpochSecond(1_234_567_890L));
    assertThat(created.key()).isEqualTo(Secret.of(NEW_KEY));
    assertThat(created.key().reveal()).isEqualTo(NEW_KEY);
  }

  /** The key is shown once: never in {@code toString()}, the raw answer, or a log line. */
  @Test
  void theNewKeyIsNeverPrintedKeptOrLogged() {
    server.enqueue(ok(fixture("keys-create-response.json")));
    Logger root = (Logger) LoggerFactory.getLogger("dev.aigw");
    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    logs.start();
    root.addAppender(logs);
    Level before = root.getLevel();
    root.setLevel(Level.TRACE);
    RawResponse<CreatedApiKey> raw;
    try (CloudGptClient client = CloudGptWire.client(server)) {
      raw = client.keys().withRawResponse().create("My Production Key");
    } finally {
      root.detachAppender(logs);
      root.setLevel(before);
    }
    assertThat(raw.body().toString()).doesNotContain("xyz789").contains("key_abc123").contains("****");
    assertThat(raw.toString()).doesNotContain("xyz789");
    assertThat(logs.list).isNotEmpty();
    assertThat(logs.list).allSatisfy(e -> assertThat(e.getFormattedMessage()).doesNotContain("xyz789"));
  }

  @Test
  void anAnswerWithoutAKeyOrIdIsAClearError() {
    server.enqueue(ok("{\"id\":\"key_abc123\",\"name\":\"My Production Key\"}"));
    server.enqueue(ok("{\"key\":\"cgpt_secret_value_123\"}"));
    server.enqueue(ok("[]"));
    try (CloudGptClient client = CloudGptWire.client(server)) {
      assertThatThrownBy(() -> client.keys().create("k")).isExactlyInstanceOf(AigwException.class)
          .hasMessage("the answer to POST /api/keys has no key");
      assertThatThrownBy(() -> client.keys().create("k")).isExactlyInstanceOf(AigwException.class)
          .hasMessage("the answer to POST /api/keys has no id");
      assertThatThrownBy(() -> client.keys().create("k")).isExactlyInstanceOf(MalformedResponseException.class)
          .hasMessageContaining("not the JSON documented")
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain("cgpt_secret"));
    }
  }

  @Test
  void aCreatedKeyWithoutANameKeepsTheOneAskedForAndToleratesMillisecondTimes() {
    server.enqueue(ok("{\"id\":\"key_1\",\"key\":\"cgpt_abc\",\"created\":1767225600123}"));
    CreatedApiKey created;
    try (CloudGptClient client = CloudGptWire.client(server)) {
      created = client.keys().create("ci");
    }
    assertThat(created.name()).isEqualTo("ci");
    assertThat(created.created()).isEqualTo(Instant.ofEpochMilli(1_767_225_600_123L));
  }

  /** API Key Management — List: the doc's answer as {@link ApiKeyInfo}s. */
  @Test
  void listReadsTheDocumentedAnswer() throws Exception {
    server.enqueue(ok(fixture("keys-list-response.json")));
    List<ApiKeyInfo> keys;
    try (CloudGptClient client = CloudGptWire.client(server)) {
      keys = client.keys().list();
    }
    assertBodiless(server.takeRequest(), "GET", "/api/keys");
    assertThat(keys).hasSize(1);
    ApiKeyInfo key = keys.get(0);
    assertThat(key.id()).isEqualTo("key_abc123");
    assertThat(key.name()).isEqualTo("My Production Key");
    assertThat(key.prefix()).isEqualTo("cgpt_xyz...");
    assertThat(key.created()).isEqualTo(Instant.ofEpochSecond(1_234_567_890L));
    assertThat(key.lastUsed()).isEqualTo(Instant.ofEpochSecond(1_234_567_900L));
    assertThat(key.raw().get("prefix")).isEqualTo("cgpt_xyz...");
  }

  @Test
  void listToleratesMissingAndOddValues() {
    server.enqueue(ok("""
        {"data":[{"id":"key_1","name":"a","created":"2026-01-01T00:00:00Z"},
                 {"id":42,"created":"1767225600","lastUsed":"yesterday"},
                 {"name":"no id"}, 7, {"id":"key_3","created":-5,"lastUsed":true}]}"""));
    List<ApiKeyInfo> keys;
    try (CloudGptClient client = CloudGptWire.client(server)) {
      keys = client.keys().list();
    }
    assertThat(keys).extracting(ApiKeyInfo::id).containsExactly("key_1", "42", "key_3");
    assertThat(keys.get(0).created()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
    assertThat(keys.get(0).lastUsed()).isNull();
    assertThat(keys.get(0).prefix()).isNull();
    assertThat(keys.get(1).created()).isEqualTo(Instant.ofEpochSecond(1_767_225_600L));
    assertThat(keys.get(1).lastUsed()).isNull();
    assertThat(keys.get(2).created()).isNull();
    assertThat(keys.get(2).lastUsed()).isNull();
  }

  @Test
  void anEmptyOrOddListIsEmpty() {
    server.enqueue(ok("{\"data\":\"none\"}"));
    try (CloudGptClient client = CloudGptWire.client(server)) {
      assertThat(client.keys().list()).isEmpty();
    }
  }

  /** API Key Management — Delete: {@code DELETE /api/keys/:id} and the doc's answer. */
  @Test
  void deleteSendsTheIdInThePathAndReadsTheDocumentedAnswer() throws Exception {
    server.enqueue(ok(fixture("keys-delete-response.json")));
    boolean deleted;
    try (CloudGptClient client = CloudGptWire.client(server)) {
      deleted = client.keys().delete("key_abc123");
    }
    assertThat(deleted).isTrue();
    assertBodiless(server.takeRequest(), "DELETE", "/api/keys/key_abc123");
  }

  @Test
  void anIdIsEncodedAsOnePathSegment() throws Exception {
    server.enqueue(ok("{\"deleted\":false,\"id\":\"a/b c\"}"));
    boolean deleted;
    try (CloudGptClient client = CloudGptWire.client(server)) {
      deleted = client.keys().delete("a/b c");
    }
    assertThat(deleted).isFalse();
    assertThat(server.takeRequest().getUrl().encodedPath()).isEqualTo("/api/keys/a%2Fb%20c");
  }

  @Test
  void deletingAnUnknownKeyIsNotFound() {
    server.enqueue(json(404, "{\"error\":{\"message\":\"API key not found\",\"type\":\"invalid_request_error\",\"code\":\"key_not_found\"}}"));
    try (CloudGptClient client = CloudGptWire.client(server)) {
      assertThatThrownBy(() -> client.keys().delete("key_nope"))
          .isInstanceOf(NotFoundException.class)
          .hasMessage("[cloudgpt] 404 key_not_found: API key not found");
    }
  }

  @Test
  void blankNamesAndIdsAreRefusedBeforeSending() {
    try (CloudGptClient client = CloudGptWire.client(server)) {
      assertThatThrownBy(() -> client.keys().create(" "))
          .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("name"));
      assertThatThrownBy(() -> client.keys().delete(null))
          .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("id"));
    }
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void anAnonymousClientCannotManageKeys() {
    try (CloudGptClient client = CloudGptClient.builder().baseUrl(server.url("/").toString()).anonymous().build()) {
      assertThatThrownBy(() -> client.keys().create("x"))
          .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("apiKey"))
          .hasMessage("cloudgpt: apiKey: key management needs an API key; this client is anonymous (build it with apiKey(…))");
      assertThatThrownBy(() -> client.keys().list()).isInstanceOf(ValidationException.class);
      assertThatThrownBy(() -> client.keys().delete("key_abc123")).isInstanceOf(ValidationException.class);
    }
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void listAndDeleteRawResponsesCarryTheirHttpDetails() {
    server.enqueue(ok(fixture("keys-list-response.json")).newBuilder().setHeader("X-Request-Id", "req_1").build());
    server.enqueue(ok(fixture("keys-delete-response.json")));
    try (CloudGptClient client = CloudGptWire.client(server)) {
      RawResponse<List<ApiKeyInfo>> list = client.keys().withRawResponse().list();
      RawResponse<Boolean> delete = client.keys().withRawResponse().delete("key_abc123");
      assertThat(list.requestId()).isEqualTo("req_1");
      assertThat(list.body()).hasSize(1);
      assertThat(delete.status()).isEqualTo(200);
      assertThat(delete.body()).isTrue();
    }
  }
}
