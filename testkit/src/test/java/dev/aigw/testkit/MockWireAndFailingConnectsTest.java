package dev.aigw.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;
import java.util.Map;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

class MockWireAndFailingConnectsTest {

  @Test
  void mockWireLoadsFixturesBuildsAnswersAndParsesRecordedBodies() throws Exception {
    assertThat(MockWire.parse(MockWire.fixture("sample.json"))).isEqualTo(Map.of("hello", "fixture", "n", 2.0));
    assertThatThrownBy(() -> MockWire.fixture("missing.json")).hasMessageContaining("no fixture missing.json");
    try (MockWebServer server = new MockWebServer()) {
      server.enqueue(MockWire.json(201, "{\"ok\":true}"));
      server.enqueue(MockWire.sse("data: [DONE]\n\n"));
      server.start();
      OkHttpClient http = new OkHttpClient();
      try (Response r = http.newCall(new Request.Builder().url(server.url("/a"))
          .post(RequestBody.create("{\"x\":[1,2]}", MediaType.get("application/json"))).build()).execute()) {
        assertThat(r.code()).isEqualTo(201);
        assertThat(r.header("Content-Type")).isEqualTo("application/json");
        assertThat(r.body().string()).isEqualTo("{\"ok\":true}");
      }
      try (Response r = http.newCall(new Request.Builder().url(server.url("/b")).build()).execute()) {
        assertThat(r.header("Content-Type")).isEqualTo("text/event-stream");
        assertThat(r.body().string()).isEqualTo("data: [DONE]\n\n");
      }
      RecordedRequest posted = server.takeRequest();
      assertThat(MockWire.body(posted)).isEqualTo(Map.of("x", java.util.List.of(1.0, 2.0)));
      assertThat(MockWire.bodyText(server.takeRequest())).isEmpty();
      assertThat(MockWire.ok("{}").getCode()).isEqualTo(200);
    }
  }

  @Test
  void failingConnectsRefusesTheFirstConnectsThenLetsThemThrough() throws Exception {
    try (MockWebServer server = new MockWebServer()) {
      server.enqueue(MockWire.ok("{}"));
      server.start();
      FailingConnects sockets = new FailingConnects(2);
      OkHttpClient http = new OkHttpClient.Builder().socketFactory(sockets).retryOnConnectionFailure(false).build();
      Request request = new Request.Builder().url(server.url("/")).build();
      assertThatThrownBy(() -> http.newCall(request).execute()).isInstanceOf(ConnectException.class);
      assertThatThrownBy(() -> http.newCall(request).execute()).isInstanceOf(ConnectException.class);
      try (Response r = http.newCall(request).execute()) {
        assertThat(r.code()).isEqualTo(200);
      }
      assertThat(sockets.connects()).isEqualTo(3);
      assertThat(server.getRequestCount()).isEqualTo(1);
      assertThatThrownBy(() -> sockets.createSocket("h", 1)).isInstanceOf(UnsupportedOperationException.class);
    }
  }
}
