package dev.aigw.cheapsub;

import static dev.aigw.cheapsub.CheapSubWire.assertGet;
import static dev.aigw.cheapsub.CheapSubWire.assertJsonPost;
import static dev.aigw.cheapsub.CheapSubWire.body;
import static dev.aigw.cheapsub.CheapSubWire.bodyText;
import static dev.aigw.cheapsub.CheapSubWire.ok;
import static dev.aigw.cheapsub.CheapSubWire.parse;
import static dev.aigw.cheapsub.CheapSubWire.sse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aigw.cheapsub.legacy.ClaudeMessage;
import dev.aigw.cheapsub.legacy.ClaudeRequest;
import dev.aigw.cheapsub.legacy.ClaudeStreamEvent;
import dev.aigw.cheapsub.legacy.GeminiRequest;
import dev.aigw.cheapsub.legacy.GeminiResponse;
import dev.aigw.cheapsub.legacy.LegacyGenerationRequest;
import dev.aigw.cheapsub.legacy.LegacyTask;
import dev.aigw.core.chat.ChatMessage;
import dev.aigw.core.error.ApiException;
import dev.aigw.core.error.StreamException;
import dev.aigw.core.error.ValidationException;
import dev.aigw.core.operation.OperationStatus;
import dev.aigw.core.stream.EventStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

/**
 * The native and legacy endpoints of doc section 8 ("레거시 엔드포인트"). The doc lists only the paths;
 * the bodies and answers here are the native Gemini and Claude formats (typical answers, not doc
 * examples), and for the legacy generation endpoints model + prompt + extra fields.
 */
class CheapSubLegacyWireTest {
  @StartStop final MockWebServer server = new MockWebServer();

  static final String GEMINI_ANSWER = """
      {"candidates":[{"content":{"role":"model","parts":[{"text":"서울"},{"text":"입니다."}]},
        "finishReason":"STOP","index":0}],
       "usageMetadata":{"promptTokenCount":8,"candidatesTokenCount":3,"totalTokenCount":11},
       "modelVersion":"gemini-3-flash"}""";

  static final String CLAUDE_ANSWER = """
      {"id":"msg_01XFDUDYJgAACzvnptvVoYEL","type":"message","role":"assistant","model":"claude-sonnet-4.6",
       "content":[{"type":"text","text":"Hello"},{"type":"text","text":", world"}],
       "stop_reason":"end_turn","stop_sequence":null,
       "usage":{"input_tokens":12,"output_tokens":6}}""";

  // ---- Gemini-native ----

  @Test
  void geminiGenerateContentPostsContentsToTheModelPath() throws Exception {
    server.enqueue(ok(GEMINI_ANSWER));
    try (CheapSubClient client = CheapSubWire.client(server)) {
      client.legacy().generateContent(GeminiRequest.of("gemini-3-flash", "한국의 수도는 어디인가요?"));
    }
    RecordedRequest request = server.takeRequest();
    assertJsonPost(request, "/api/v1beta/models/gemini-3-flash:generateContent");
    assertThat(bodyText(request))
        .isEqualTo("{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"한국의 수도는 어디인가요?\"}]}]}");
  }

  @Test
  void geminiSystemInstructionAndExtraFieldsAreSent() throws Exception {
    server.enqueue(ok(GEMINI_ANSWER));
    GeminiRequest request = new GeminiRequest("gemini-3-pro",
        List.of(new GeminiRequest.Content("user", "Hi"), new GeminiRequest.Content("model", "Hello"),
            new GeminiRequest.Content("user", "Bye")),
        "Be brief.", Map.of("generationConfig", Map.of("temperature", 0.2)));
    try (CheapSubClient client = CheapSubWire.client(server)) {
      client.legacy().generateContent(request);
    }
    RecordedRequest recorded = server.takeRequest();
    assertThat(recorded.getUrl().encodedPath()).isEqualTo("/api/v1beta/models/gemini-3-pro:generateContent");
    assertThat(body(recorded)).isEqualTo(parse("""
        {"contents":[{"role":"user","parts":[{"text":"Hi"}]},{"role":"model","parts":[{"text":"Hello"}]},
                     {"role":"user","parts":[{"text":"Bye"}]}],
         "systemInstruction":{"parts":[{"text":"Be brief."}]},
         "generationConfig":{"temperature":0.2}}"""));
  }

  @Test
  void geminiAnswerIsParsed() {
    server.enqueue(ok(GEMINI_ANSWER));
    GeminiResponse answer;
    try (CheapSubClient client = CheapSubWire.client(server)) {
      answer = client.legacy().generateContent(GeminiRequest.of("gemini-3-flash", "한국의 수도는 어디인가요?"));
    }
    assertThat(answer.text()).isEqualTo("서울입니다.");
    assertThat(answer.finishReason()).isEqualTo("STOP");
    assertThat(answer.raw().get("usageMetadata", "totalTokenCount")).isEqualTo(11.0);
    assertThat(answer.raw().get("modelVersion")).isEqualTo("gemini-3-flash");
  }

  @Test
  void geminiStreamUsesAltSseAndYieldsPiecesInOrder() throws Exception {
    server.enqueue(sse("""
        data: {"candidates":[{"content":{"role":"model","parts":[{"text":"Once"}]},"index":0}]}

        data: {"candidates":[{"content":{"role":"model","parts":[{"text":" upon"}]},"index":0}]}

        data: {"candidates":[{"content":{"role":"model","parts":[{"text":" a time."}]},"finishReason":"STOP","index":0}],"usageMetadata":{"totalTokenCount":9}}

        """));
    List<GeminiResponse> pieces = new ArrayList<>();
    try (CheapSubClient client = CheapSubWire.client(server);
        EventStream<GeminiResponse> stream = client.legacy().streamGenerateContent(
            GeminiRequest.of("gemini-3-flash", "Tell me a short story."))) {
      stream.forEach(pieces::add);
    }
    assertThat(pieces).extracting(GeminiResponse::text).containsExactly("Once", " upon", " a time.");
    assertThat(pieces).extracting(GeminiResponse::finishReason).containsExactly(null, null, "STOP");
    RecordedRequest request = server.takeRequest();
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getUrl().encodedPath()).isEqualTo("/api/v1beta/models/gemini-3-flash:streamGenerateContent");
    assertThat(request.getUrl().query()).isEqualTo("alt=sse");
    assertThat(request.getHeaders().get("Accept")).isEqualTo("text/event-stream");
    CheapSubWire.assertCommonHeaders(request);
    CheapSubWire.assertJsonContentType(request);
    assertThat(bodyText(request))
        .isEqualTo("{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"Tell me a short story.\"}]}]}");
  }

  @Test
  void geminiStreamEventThatIsNotJsonIsAStreamException() {
    server.enqueue(sse("data: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"ok\"}]}}]}\n\ndata: <html>oops\n\n"));
    try (CheapSubClient client = CheapSubWire.client(server);
        EventStream<GeminiResponse> stream = client.legacy().streamGenerateContent(GeminiRequest.of("gemini-3-flash", "x"))) {
      List<String> seen = new ArrayList<>();
      assertThatThrownBy(() -> stream.forEach(p -> seen.add(p.text())))
          .isInstanceOf(StreamException.class).hasMessageContaining("not a JSON object");
      assertThat(seen).containsExactly("ok");
    }
  }

  @Test
  void geminiRequestChecksItsValues() {
    assertThatThrownBy(() -> GeminiRequest.of(" ", "x")).isInstanceOf(ValidationException.class)
        .hasMessageContaining("cheapsub").hasMessageContaining("model");
    assertThatThrownBy(() -> new GeminiRequest("gemini-3-flash", List.of(), null, null))
        .isInstanceOf(ValidationException.class).hasMessageContaining("contents");
  }

  // ---- Claude-native ----

  @Test
  void claudeMessagesPostsModelMaxTokensSystemAndMessages() throws Exception {
    server.enqueue(ok(CLAUDE_ANSWER));
    ClaudeRequest request = new ClaudeRequest("claude-sonnet-4.6", 1024, "You are a helpful assistant.",
        List.of(ChatMessage.user("Hello"), ChatMessage.assistant("Hi!"), ChatMessage.user("How are you?")), null);
    try (CheapSubClient client = CheapSubWire.client(server)) {
      client.legacy().messages(request);
    }
    RecordedRequest recorded = server.takeRequest();
    assertJsonPost(recorded, "/api/v1/messages");
    assertThat(body(recorded)).isEqualTo(parse("""
        {"model":"claude-sonnet-4.6","max_tokens":1024,"system":"You are a helpful assistant.",
         "messages":[{"role":"user","content":"Hello"},{"role":"assistant","content":"Hi!"},
                     {"role":"user","content":"How are you?"}]}"""));
    assertThat(bodyText(recorded)).startsWith("{\"model\":\"claude-sonnet-4.6\",\"max_tokens\":1024,");
  }

  @Test
  void claudeAnswerIsParsed() {
    server.enqueue(ok(CLAUDE_ANSWER));
    ClaudeMessage answer;
    try (CheapSubClient client = CheapSubWire.client(server)) {
      answer = client.legacy().messages(ClaudeRequest.of("claude-sonnet-4.6", 256, "Hello"));
    }
    assertThat(answer.id()).isEqualTo("msg_01XFDUDYJgAACzvnptvVoYEL");
    assertThat(answer.model()).isEqualTo("claude-sonnet-4.6");
    assertThat(answer.text()).isEqualTo("Hello, world");
    assertThat(answer.stopReason()).isEqualTo("end_turn");
    assertThat(answer.inputTokens()).isEqualTo(12);
    assertThat(answer.outputTokens()).isEqualTo(6);
    assertThat(answer.raw().get("type")).isEqualTo("message");
  }

  @Test
  void claudeOneMessageRequestHasNoSystem() throws Exception {
    server.enqueue(ok(CLAUDE_ANSWER));
    try (CheapSubClient client = CheapSubWire.client(server)) {
      client.legacy().messages(ClaudeRequest.of("claude-haiku-4.5", 64, "Hi"));
    }
    assertThat(bodyText(server.takeRequest())).isEqualTo(
        "{\"model\":\"claude-haiku-4.5\",\"max_tokens\":64,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");
  }

  /** Typical Claude stream events (not a doc example); events after {@code message_stop} are not read. */
  static final String CLAUDE_STREAM = """
      event: message_start
      data: {"type":"message_start","message":{"id":"msg_1","type":"message","role":"assistant","model":"claude-sonnet-4.6","content":[],"usage":{"input_tokens":10,"output_tokens":1}}}

      event: content_block_start
      data: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}

      event: ping
      data: {"type":"ping"}

      event: content_block_delta
      data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hello"}}

      event: content_block_delta
      data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"!"}}

      event: content_block_stop
      data: {"type":"content_block_stop","index":0}

      event: message_delta
      data: {"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"output_tokens":2}}

      event: message_stop
      data: {"type":"message_stop"}

      event: content_block_delta
      data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"AFTER STOP"}}

      """;

  @Test
  void claudeStreamSendsStreamTrueAndEndsAtMessageStop() throws Exception {
    server.enqueue(sse(CLAUDE_STREAM));
    List<ClaudeStreamEvent> events = new ArrayList<>();
    try (CheapSubClient client = CheapSubWire.client(server);
        EventStream<ClaudeStreamEvent> stream = client.legacy().streamMessages(ClaudeRequest.of("claude-sonnet-4.6", 128, "Hi"))) {
      stream.forEach(events::add);
    }
    assertThat(events).extracting(ClaudeStreamEvent::type).containsExactly("message_start", "content_block_start",
        "ping", "content_block_delta", "content_block_delta", "content_block_stop", "message_delta", "message_stop");
    assertThat(events).extracting(ClaudeStreamEvent::text).containsExactly("", "", "", "Hello", "!", "", "", "");
    assertThat(events.get(6).raw().get("delta", "stop_reason")).isEqualTo("end_turn");

    RecordedRequest request = server.takeRequest();
    assertJsonPost(request, "/api/v1/messages");
    assertThat(request.getHeaders().get("Accept")).isEqualTo("text/event-stream");
    assertThat(bodyText(request)).isEqualTo("{\"model\":\"claude-sonnet-4.6\",\"max_tokens\":128,"
        + "\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}],\"stream\":true}");
  }

  @Test
  void claudeStreamWithoutEventNamesUsesTheTypeField() {
    server.enqueue(sse("""
        data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Yo"}}

        data: {"type":"message_stop"}

        """));
    List<ClaudeStreamEvent> events = new ArrayList<>();
    try (CheapSubClient client = CheapSubWire.client(server);
        EventStream<ClaudeStreamEvent> stream = client.legacy().streamMessages(ClaudeRequest.of("claude-sonnet-4.6", 8, "Hi"))) {
      stream.forEach(events::add);
    }
    assertThat(events).extracting(ClaudeStreamEvent::type).containsExactly("content_block_delta", "message_stop");
    assertThat(events.get(0).text()).isEqualTo("Yo");
  }

  @Test
  void claudeStreamErrorEventIsAStreamException() {
    server.enqueue(sse("""
        event: message_start
        data: {"type":"message_start","message":{"id":"msg_2"}}

        event: error
        data: {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}

        """));
    try (CheapSubClient client = CheapSubWire.client(server);
        EventStream<ClaudeStreamEvent> stream = client.legacy().streamMessages(ClaudeRequest.of("claude-sonnet-4.6", 8, "Hi"))) {
      assertThatThrownBy(() -> stream.forEach(e -> { }))
          .isInstanceOf(StreamException.class)
          .hasMessageContaining("Overloaded")
          .satisfies(e -> assertThat(((StreamException) e).code()).isEqualTo("overloaded_error"));
    }
  }

  @Test
  void claudeRequestChecksItsValues() {
    assertThatThrownBy(() -> ClaudeRequest.of("claude-sonnet-4.6", 0, "x")).isInstanceOf(ValidationException.class)
        .hasMessageContaining("cheapsub").hasMessageContaining("max_tokens");
    assertThatThrownBy(() -> new ClaudeRequest("claude-sonnet-4.6", 10, null, List.of(ChatMessage.system("s")), null))
        .isInstanceOf(ValidationException.class).hasMessageContaining("system");
    assertThatThrownBy(() -> new ClaudeRequest("claude-sonnet-4.6", 10, null, List.of(), null))
        .isInstanceOf(ValidationException.class).hasMessageContaining("messages");
    assertThatThrownBy(() -> ClaudeRequest.of("", 10, "x")).isInstanceOf(ValidationException.class)
        .hasMessageContaining("model");
  }

  // ---- legacy generation and task query ----

  @Test
  void legacyImagePostsModelPromptAndExtra() throws Exception {
    server.enqueue(ok("{\"code\":0,\"message\":\"ok\",\"data\":{\"task_id\":\"legacy-img-1\"}}"));
    LegacyTask task;
    try (CheapSubClient client = CheapSubWire.client(server)) {
      task = client.legacy().legacyImage(new LegacyGenerationRequest("nano-banana", "a lighthouse",
          Map.of("aspect_ratio", "1:1")));
    }
    RecordedRequest request = server.takeRequest();
    assertJsonPost(request, "/api/image/gen");
    assertThat(body(request)).isEqualTo(parse("{\"model\":\"nano-banana\",\"prompt\":\"a lighthouse\",\"aspect_ratio\":\"1:1\"}"));
    assertThat(bodyText(request)).startsWith("{\"model\":\"nano-banana\",\"prompt\":\"a lighthouse\"");
    assertThat(task.taskId()).isEqualTo("legacy-img-1");
    assertThat(task.status()).isEqualTo(OperationStatus.UNKNOWN);
    assertThat(task.vendorStatus()).isNull();
    assertThat(task.raw().get("message")).isEqualTo("ok");
  }

  @Test
  void legacySoraPostsToSora2Gen() throws Exception {
    server.enqueue(ok("{\"task_id\":\"sora-1\",\"status\":\"processing\"}"));
    LegacyTask task;
    try (CheapSubClient client = CheapSubWire.client(server)) {
      task = client.legacy().legacySora(new LegacyGenerationRequest("sora-2", "a cat playing piano",
          Map.of("duration", "15")));
    }
    RecordedRequest request = server.takeRequest();
    assertJsonPost(request, "/api/sora2/gen");
    assertThat(body(request)).isEqualTo(parse("{\"model\":\"sora-2\",\"prompt\":\"a cat playing piano\",\"duration\":\"15\"}"));
    assertThat(task.taskId()).isEqualTo("sora-1");
    assertThat(task.status()).isEqualTo(OperationStatus.RUNNING);
    assertThat(task.vendorStatus()).isEqualTo("processing");
  }

  @Test
  void legacyVeoPostsToGoogleVeoGenerate() throws Exception {
    server.enqueue(ok("{\"code\":0,\"message\":\"ok\",\"data\":{\"task_id\":\"veo-1\",\"status\":\"pending\"}}"));
    LegacyTask task;
    try (CheapSubClient client = CheapSubWire.client(server)) {
      task = client.legacy().legacyVeo(LegacyGenerationRequest.of("veo3.1-fast", "a drone shot of mountains"));
    }
    RecordedRequest request = server.takeRequest();
    assertJsonPost(request, "/api/google/veo/generate");
    assertThat(bodyText(request)).isEqualTo("{\"model\":\"veo3.1-fast\",\"prompt\":\"a drone shot of mountains\"}");
    assertThat(task.taskId()).isEqualTo("veo-1");
    assertThat(task.status()).isEqualTo(OperationStatus.QUEUED);
  }

  @Test
  void legacySubmissionWithANonZeroCodeIsAnApiException() {
    server.enqueue(ok("{\"code\":1003,\"message\":\"model not available\"}"));
    try (CheapSubClient client = CheapSubWire.client(server)) {
      assertThatThrownBy(() -> client.legacy().legacyImage(LegacyGenerationRequest.of("nano-banana", "x")))
          .isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.code()).isEqualTo("1003");
            assertThat(e.vendorMessage()).isEqualTo("model not available");
          });
    }
  }

  @Test
  void legacyTaskQueryGetsByIdAndKeepsTheRawAnswer() throws Exception {
    server.enqueue(ok("{\"task_id\":\"sora-1\",\"status\":\"completed\",\"result\":{\"video_url\":\"https://cdn.example.com/s.mp4\"}}"));
    LegacyTask task;
    try (CheapSubClient client = CheapSubWire.client(server)) {
      task = client.legacy().queryTask("sora-1");
    }
    RecordedRequest request = server.takeRequest();
    assertGet(request, "/api/task/query");
    assertThat(request.getUrl().query()).isEqualTo("task_id=sora-1");
    assertThat(task.taskId()).isEqualTo("sora-1");
    assertThat(task.status()).isEqualTo(OperationStatus.SUCCEEDED);
    assertThat(task.vendorStatus()).isEqualTo("completed");
    assertThat(task.raw().get("result", "video_url")).isEqualTo("https://cdn.example.com/s.mp4");
  }

  @Test
  void legacyRequestsCheckTheirValues() {
    try (CheapSubClient client = CheapSubWire.client(server)) {
      assertThatThrownBy(() -> client.legacy().queryTask("")).isInstanceOf(ValidationException.class)
          .hasMessageContaining("taskId");
    }
    assertThatThrownBy(() -> LegacyGenerationRequest.of("sora-2", " ")).isInstanceOf(ValidationException.class)
        .hasMessageContaining("prompt");
    assertThatThrownBy(() -> LegacyGenerationRequest.of(null, "x")).isInstanceOf(ValidationException.class)
        .hasMessageContaining("model");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void claudeAnswerWithoutUsageHasMinusOneTokens() {
    server.enqueue(ok("{\"id\":\"msg_3\",\"content\":[{\"type\":\"tool_use\",\"id\":\"t\"},{\"type\":\"text\",\"text\":\"ok\"}]}"));
    try (CheapSubClient client = CheapSubWire.client(server)) {
      ClaudeMessage answer = client.legacy().messages(ClaudeRequest.of("claude-opus-4.6", 16, "Hi"));
      assertThat(answer.text()).isEqualTo("ok");
      assertThat(answer.inputTokens()).isEqualTo(-1);
      assertThat(answer.outputTokens()).isEqualTo(-1);
      assertThat(answer.stopReason()).isNull();
    }
  }

  @Test
  void legacyTaskQueryReadsTheEnvelopeShapeToo() throws Exception {
    server.enqueue(ok("{\"code\":0,\"message\":\"ok\",\"data\":{\"task_id\":\"img-7\",\"status\":\"failed\",\"error\":\"nsfw\"}}"));
    try (CheapSubClient client = CheapSubWire.client(server)) {
      LegacyTask task = client.legacy().queryTask("img-7");
      assertThat(task.taskId()).isEqualTo("img-7");
      assertThat(task.status()).isEqualTo(OperationStatus.FAILED);
      assertThat(task.vendorStatus()).isEqualTo("failed");
      assertThat(task.raw().get("data", "error")).isEqualTo("nsfw");
    }
    assertThat(server.takeRequest().getUrl().queryParameter("task_id")).isEqualTo("img-7");
  }
}
