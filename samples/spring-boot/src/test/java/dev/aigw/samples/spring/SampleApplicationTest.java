package dev.aigw.samples.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;

/** The sample on a random port, called over HTTP, offline against the testkit's fakes. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "sample.offline=true")
class SampleApplicationTest {
  static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();

  @Value("${local.server.port}")
  int port;

  HttpResponse<String> post(String path, String json) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofMinutes(2)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> get(String path) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofMinutes(2)).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void postImagesGeneratesAnImageThroughTheRoutedAiClient() throws Exception {
    HttpResponse<String> response = post("/images", "{\"prompt\":\"a red square on white\"}");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith(
        "application/json"));
    // served by the first route, the fake icodeeasy, whose result URL is on loopback
    assertThat(response.body()).matches("\\{\"gateway\":\"icodeeasy\",\"urls\":\\[\"http://localhost:[0-9]+"
        + "/v1/images/files/gpt-image-2/[0-9]{8}/[-0-9a-f]+\\.png\"]}");
  }

  @Test
  void aRequestAigwRefusesIsA400WithItsMessage() throws Exception {
    HttpResponse<String> response = post("/images", "{\"prompt\":\"\"}");
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).startsWith("{\"error\":\"").contains("prompt");
  }

  @Test
  void theGatewaysHealthIsOnTheActuator() throws Exception {
    HttpResponse<String> response = get("/actuator/health/aigw-icodeeasy");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("\"status\":\"UP\"").contains("\"gateway\":\"icodeeasy\"");
    // gptimage2's check is off by default: no such contributor
    assertThat(get("/actuator/health/aigw-gptimage2").statusCode()).isEqualTo(404);
  }
}
