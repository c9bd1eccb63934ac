package dev.aigw.testkit;

import static dev.aigw.testkit.RawHttp.get;
import static dev.aigw.testkit.RawHttp.post;
import static dev.aigw.testkit.RawHttp.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.List;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Routing and authentication of {@link FakeCheapSub}, over plain HTTP (section 7 of the docs). */
@Timeout(30) // a stream that never ends must fail the test, not stall the build
class FakeCheapSubRoutingTest {
  private FakeCheapSub fake;

  @BeforeEach
  void start() {
    fake = FakeCheapSub.start();
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  @Test
  void servesOnLoopbackWithACheapSubKey() {
    HttpUrl url = HttpUrl.parse(fake.baseUrl());
    assertThat(url).isNotNull();
    assertThat(url.host()).isIn("localhost", "127.0.0.1");
    assertThat(fake.baseUrl()).doesNotEndWith("/");
    assertThat(fake.vendor()).isEqualTo("cheapsub");
    assertThat(fake.apiKey()).startsWith("csk_").hasSizeGreaterThan(20);
    assertThat(fake.newKey()).startsWith("csk_").isNotEqualTo(fake.apiKey());
  }

  @Test
  void unknownPathIs404WithTheVendorsErrorShape() throws IOException {
    RawHttp.Answer answer = get(fake, "/api/v2/nothing", fake.apiKey());

    assertThat(answer.code()).isEqualTo(404);
    assertThat(answer.json()).containsEntry("error", "Unknown endpoint /api/v2/nothing").containsEntry("code", "not_found");
    assertThat(answer.headers().get("Content-Type")).startsWith("application/json");
    assertThat(get(fake, "/api/v2/nothing", null).code()).as("unknown paths are 404 even without a key").isEqualTo(404);
  }

  @Test
  void wrongMethodOnAKnownPathIs405() throws IOException {
    RawHttp.Answer getChat = get(fake, "/api/v1/chat", fake.apiKey());
    RawHttp.Answer postModels = post(fake, "/api/v1/models", fake.apiKey(), "{}");
    RawHttp.Answer deleteTask = send("DELETE", fake.baseUrl() + "/api/v1/task?task_id=x", "Bearer " + fake.apiKey(), null);

    assertThat(List.of(getChat.code(), postModels.code(), deleteTask.code())).containsOnly(405);
    assertThat(getChat.json()).containsEntry("error", "Method GET not allowed");
    assertThat(deleteTask.json()).containsEntry("error", "Method DELETE not allowed");
  }

  @Test
  void missingKeyIs401() throws IOException {
    RawHttp.Answer none = get(fake, "/api/v1/models", null);
    RawHttp.Answer emptyBearer = send("GET", fake.baseUrl() + "/api/v1/models", "Bearer ", null);
    RawHttp.Answer basic = send("GET", fake.baseUrl() + "/api/v1/models", "Basic dXNlcjpwYXNz", null);

    assertThat(none.code()).isEqualTo(401);
    assertThat(none.json()).containsEntry("error", "API key is required (Authorization: Bearer csk_...)");
    assertThat(emptyBearer.code()).isEqualTo(401);
    assertThat(basic.code()).isEqualTo(401);
  }

  @Test
  void keyWithTheWrongPrefixIs403() throws IOException {
    RawHttp.Answer answer = get(fake, "/api/v1/models", "sk-" + fake.apiKey().substring(4));

    assertThat(answer.code()).isEqualTo(403);
    assertThat(answer.json()).containsEntry("error", "Invalid API key");
  }

  @Test
  void unknownCheapSubKeyIs403() throws IOException {
    RawHttp.Answer answer = post(fake, "/api/v1/image", "csk_0123456789abcdef0123456789ab",
        "{\"model\":\"nano-banana\",\"prompt\":\"x\"}");

    assertThat(answer.code()).isEqualTo(403);
    assertThat(answer.json()).containsEntry("error", "Invalid API key");
    assertThat(fake.journal().charges()).isEmpty();
    assertThat(fake.tasks().size()).isZero();
  }

  @Test
  void inactiveKeyIs403AndOtherKeysStillWork() throws IOException {
    String other = fake.newKey();
    assertThat(get(fake, "/api/v1/models", other).code()).isEqualTo(200);

    fake.deactivate(other);

    RawHttp.Answer refused = get(fake, "/api/v1/models", other);
    assertThat(refused.code()).isEqualTo(403);
    assertThat(refused.json()).containsEntry("error", "API key is inactive");
    assertThat(get(fake, "/api/v1/models", fake.apiKey()).code()).isEqualTo(200);
  }

  @Test
  void bearerSchemeIsCaseInsensitive() throws IOException {
    assertThat(send("GET", fake.baseUrl() + "/api/v1/models", "bearer " + fake.apiKey(), null).code()).isEqualTo(200);
  }

  @Test
  void modelListHasTheDocumentedShape() throws IOException {
    RawHttp.Answer answer = get(fake, "/api/v1/models", fake.apiKey());

    assertThat(answer.code()).isEqualTo(200);
    assertThat(answer.json()).containsEntry("object", "list");
    assertThat(answer.string("data", 0, "id")).isEqualTo("google/gemini-3-flash");
    assertThat(answer.string("data", 0, "object")).isEqualTo("model");
    assertThat(answer.string("data", 0, "owned_by")).isEqualTo("cheapsub");
    assertThat((List<?>) answer.at("data")).hasSize(5);
  }

  @Test
  void closedFakeServesNothing() {
    String base = fake.baseUrl();
    fake.close();

    assertThatThrownBy(() -> send("GET", base + "/api/v1/models", "Bearer " + fake.apiKey(), null))
        .isInstanceOf(IOException.class);
  }
}
