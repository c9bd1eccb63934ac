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
import mockwebserver3.MockResponse;
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
    assertThat(server.getRequestCount()).as("a JSON 404 from the documented route is final").isEqualTo(1);
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
  void anAnonymousClientWithoutAKeysTokenCannotManageKeys() {
    try (CloudGptClient client = CloudGptClient.builder().baseUrl(server.url("/").toString()).anonymous().build()) {
      assertThatThrownBy(() -> client.keys().create("x"))
          .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("keysToken"))
          .hasMessage("cloudgpt: keysToken: key management needs the dashboard session token (keysToken(…) or "
              + "CLOUDGPT_KEYS_TOKEN), or an API key on a server that follows CloudGPT's document; this client is "
              + "anonymous and has neither");
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

  // ---- the deployed server (its shapes written here as its code answers them) ----

  /** A dashboard session token: a JWT. */
  static final String SESSION = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1c2VyXzQyIn0.c2lnbmVkLWJ5LWNsb3VkZ3B0";
  static final String UUID = "6f1c2a9e-3b7d-4e58-9a41-0c2d8e7f5b13";

  private CloudGptClient withToken() {
    return CloudGptWire.builder(server).keysToken(SESSION).build();
  }

  @Test
  void listReadsTheDeployedShape() throws Exception {
    server.enqueue(ok("{\"keys\":[{\"id\":\"" + UUID + "\",\"name\":\"My Production Key\","
        + "\"keyPreview\":\"cgpt_1a2b3c4d...\",\"createdAt\":\"2026-01-10T12:00:00.000Z\"}]}"));
    List<ApiKeyInfo> keys;
    try (CloudGptClient client = withToken()) {
      keys = client.keys().list();
    }
    assertThat(keys).singleElement().satisfies(k -> {
      assertThat(k.id()).isEqualTo(UUID);
      assertThat(k.name()).isEqualTo("My Production Key");
      assertThat(k.prefix()).isEqualTo("cgpt_1a2b3c4d...");
      assertThat(k.created()).isEqualTo(Instant.parse("2026-01-10T12:00:00Z"));
      assertThat(k.lastUsed()).isNull();
      assertThat(k.raw().get("keyPreview")).isEqualTo("cgpt_1a2b3c4d...");
    });
    assertThat(server.takeRequest().getHeaders().get("Authorization")).isEqualTo("Bearer " + SESSION);
  }

  @Test
  void createReadsTheDeployedShape() throws Exception {
    server.enqueue(ok("{\"id\":\"" + UUID + "\",\"key\":\"cgpt_new_secret_0123456789\",\"name\":\"ci\","
        + "\"createdAt\":\"2026-01-10T12:00:00.000Z\",\"message\":\"API key created successfully. Make sure to copy it now\"}"));
    CreatedApiKey created;
    try (CloudGptClient client = withToken()) {
      created = client.keys().create("ci");
    }
    assertThat(created.id()).isEqualTo(UUID);
    assertThat(created.name()).isEqualTo("ci");
    assertThat(created.key().reveal()).isEqualTo("cgpt_new_secret_0123456789");
    assertThat(created.created()).isEqualTo(Instant.parse("2026-01-10T12:00:00Z"));
    assertThat(created.toString()).doesNotContain("new_secret");
    RecordedRequest request = server.takeRequest();
    assertThat(request.getUrl().encodedPath()).isEqualTo("/api/keys");
    assertThat(body(request)).isEqualTo(java.util.Map.of("name", "ci"));
  }

  @Test
  void theKeysTokenIsSentOnKeyManagementOnlyAndTheApiKeyEverywhereElse() throws Exception {
    server.enqueue(ok("{\"keys\":[]}"));
    server.enqueue(ok(fixture("chat-response.json")));
    server.enqueue(ok(fixture("models-chat-response.json")));
    try (CloudGptClient client = withToken()) {
      client.keys().list();
      client.chat().create(CloudGptChatWireTest.curlExample());
      client.models().chat();
      assertThat(client.toString()).doesNotContain(SESSION);
    }
    RecordedRequest keys = server.takeRequest();
    assertThat(keys.getUrl().encodedPath()).isEqualTo("/api/keys");
    assertThat(keys.getHeaders().values("Authorization")).containsExactly("Bearer " + SESSION);
    assertThat(keys.getHeaders().get("User-Agent")).isEqualTo(CloudGptWire.USER_AGENT);
    assertThat(server.takeRequest().getHeaders().values("Authorization")).containsExactly("Bearer " + CloudGptWire.KEY);
    assertThat(server.takeRequest().getHeaders().values("Authorization")).containsExactly("Bearer " + CloudGptWire.KEY);
  }

  @Test
  void anAnonymousClientWithAKeysTokenManagesKeys() throws Exception {
    server.enqueue(ok("{\"keys\":[]}"));
    try (CloudGptClient client = CloudGptClient.builder().baseUrl(server.url("/").toString()).anonymous()
        .keysToken(SESSION).build()) {
      assertThat(client.keys().list()).isEmpty();
    }
    assertThat(server.takeRequest().getHeaders().get("Authorization")).isEqualTo("Bearer " + SESSION);
  }

  @Test
  void theKeysTokenIsReadFromTheEnvironmentAndMustNotBeAnApiKey() throws Exception {
    server.enqueue(ok("{\"keys\":[]}"));
    try (CloudGptClient client = CloudGptClient.fromEnv(java.util.Map.of("CLOUDGPT_API_KEY", CloudGptWire.KEY,
        "CLOUDGPT_BASE_URL", server.url("/").toString(), "CLOUDGPT_KEYS_TOKEN", SESSION))) {
      client.keys().list();
    }
    assertThat(server.takeRequest().getHeaders().get("Authorization")).isEqualTo("Bearer " + SESSION);
    assertThatThrownBy(() -> CloudGptClient.builder().keysToken(CloudGptWire.KEY))
        .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("keysToken"))
        .hasMessage("cloudgpt: keysToken: key management takes the CloudGPT dashboard's session token (a JWT), not a "
            + "cgpt_ API key; give the key to apiKey(…)")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(CloudGptWire.KEY));
  }

  @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
  @org.junit.jupiter.params.provider.ValueSource(strings = {"empty 500", "401", "403"})
  void aRefusedApiKeySaysKeyManagementNeedsTheSessionToken(String answer) {
    MockResponse refusal = switch (answer) {
      case "empty 500" -> new MockResponse.Builder().code(500).build();
      case "401" -> json(401, "{\"error\":\"Unauthorized\"}");
      default -> json(403, "{\"error\":\"Forbidden\"}");
    };
    server.enqueue(refusal);
    try (CloudGptClient client = CloudGptWire.builder(server).maxRetries(0).build()) {
      assertThatThrownBy(() -> client.keys().list())
          .isInstanceOfSatisfying(dev.aigw.core.error.AuthenticationException.class, e -> {
            assertThat(e.status()).isEqualTo(answer.equals("empty 500") ? 500 : Integer.parseInt(answer));
            assertThat(e.vendorMessage()).startsWith("key management needs the dashboard session token");
          })
          .hasMessageContaining("key management needs the dashboard session token")
          .hasMessageContaining("keysToken(…) or CLOUDGPT_KEYS_TOKEN")
          .hasMessageContaining(answer.equals("empty 500") ? "GET /api/keys was answered HTTP 500 with an empty body"
              : answer.equals("401") ? "GET /api/keys was answered Unauthorized" : "GET /api/keys was answered Forbidden")
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain(CloudGptWire.KEY));
    }
  }

  @Test
  void aServerErrorWithABodyOrARefusalOfTheKeysTokenIsNotExplainedAway() {
    server.enqueue(json(500, "{\"error\":\"Database unavailable\"}"));
    server.enqueue(json(401, "{\"error\":\"Invalid token\"}"));
    try (CloudGptClient plain = CloudGptWire.builder(server).maxRetries(0).build();
        CloudGptClient tokened = CloudGptWire.builder(server).maxRetries(0).keysToken(SESSION).build()) {
      assertThatThrownBy(() -> plain.keys().list()).isInstanceOf(dev.aigw.core.error.ServerException.class)
          .hasMessage("[cloudgpt] 500: Database unavailable — not retried: retries are off (maxRetries 0)");
      assertThatThrownBy(() -> tokened.keys().list()).isInstanceOf(dev.aigw.core.error.AuthenticationException.class)
          .hasMessage("[cloudgpt] 401: Invalid token");
    }
  }

  @Test
  void theKeysTokenNeverAppearsInALogLineOrAnExceptionEvenWhenEchoed() {
    server.enqueue(json(401, "{\"error\":\"Invalid token: " + SESSION + "\"}"));
    server.enqueue(new MockResponse.Builder().code(200).setHeader("Content-Type", "text/html")
        .body("<p>session " + SESSION + " expired</p>").build());
    server.enqueue(ok("{\"keys\":[]}"));
    Logger root = (Logger) LoggerFactory.getLogger("dev.aigw");
    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    logs.start();
    root.addAppender(logs);
    Level before = root.getLevel();
    root.setLevel(Level.TRACE);
    Throwable refused;
    Throwable notJson;
    RawResponse<List<ApiKeyInfo>> raw;
    try (CloudGptClient client = withToken()) {
      refused = org.assertj.core.api.Assertions.catchThrowable(() -> client.keys().list());
      notJson = org.assertj.core.api.Assertions.catchThrowable(() -> client.keys().list());
      raw = client.keys().withRawResponse().list();
    } finally {
      root.detachAppender(logs);
      root.setLevel(before);
    }
    assertThat(refused).isInstanceOfSatisfying(dev.aigw.core.error.AuthenticationException.class, e -> {
      assertThat(e.getMessage()).doesNotContain(SESSION).contains("Invalid token: eyJh****");
      assertThat(e.vendorMessage()).doesNotContain(SESSION);
      assertThat(e.details().body()).doesNotContain(SESSION);
    });
    assertThat(notJson).isExactlyInstanceOf(dev.aigw.core.error.MalformedResponseException.class)
        .hasMessageContaining("expected a JSON answer");
    assertThat(notJson.getMessage()).doesNotContain(SESSION);
    assertThat(raw.toString()).doesNotContain(SESSION);
    assertThat(logs.list).isNotEmpty();
    assertThat(logs.list).allSatisfy(e -> assertThat(e.getFormattedMessage()).doesNotContain(SESSION));
  }

  @Test
  void deletionFallsBackToTheBodyFormWhenTheDocumentedPathIsAnHtml404AndKeepsToIt() throws Exception {
    String page = "<!DOCTYPE html><html><head><title>404: This page could not be found.</title></head>"
        + "<body><h1>404</h1></body></html>";
    server.enqueue(new MockResponse.Builder().code(404).setHeader("Content-Type", "text/html; charset=utf-8").body(page).build());
    server.enqueue(ok("{\"success\":true}"));
    server.enqueue(ok("{\"success\":true}"));
    try (CloudGptClient client = withToken()) {
      assertThat(client.keys().delete(UUID)).isTrue();
      assertThat(client.keys().withRawResponse().delete("other-id").body()).isTrue();
    }
    RecordedRequest byPath = server.takeRequest();
    assertThat(byPath.getMethod()).isEqualTo("DELETE");
    assertThat(byPath.getUrl().encodedPath()).isEqualTo("/api/keys/" + UUID);
    assertThat(byPath.getBodySize()).isZero();
    RecordedRequest byBody = server.takeRequest();
    assertThat(byBody.getMethod()).isEqualTo("DELETE");
    assertThat(byBody.getUrl().encodedPath()).isEqualTo("/api/keys");
    assertThat(byBody.getHeaders().get("Content-Type")).startsWith("application/json");
    assertThat(body(byBody)).isEqualTo(java.util.Map.of("id", UUID));
    assertThat(byBody.getHeaders().get("Authorization")).isEqualTo("Bearer " + SESSION);
    RecordedRequest next = server.takeRequest();
    assertThat(next.getUrl().encodedPath()).as("the body form from then on").isEqualTo("/api/keys");
    assertThat(body(next)).isEqualTo(java.util.Map.of("id", "other-id"));
    assertThat(server.getRequestCount()).isEqualTo(3);
  }

  @Test
  void aKeyTheBodyFormDoesNotFindIsNotFound() {
    server.enqueue(new MockResponse.Builder().code(404).setHeader("Content-Type", "text/html").body("<html>404</html>").build());
    server.enqueue(json(404, "{\"error\":\"API key not found\"}"));
    try (CloudGptClient client = withToken()) {
      assertThatThrownBy(() -> client.keys().delete(UUID))
          .isInstanceOf(NotFoundException.class)
          .hasMessage("[cloudgpt] 404: API key not found");
    }
    assertThat(server.getRequestCount()).isEqualTo(2);
  }
}
