package dev.aigw.icodeeasy;

import static dev.aigw.icodeeasy.ICodeEasyWire.json;
import static dev.aigw.icodeeasy.ICodeEasyWire.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aigw.core.error.ConnectionException;
import dev.aigw.core.error.ValidationException;
import dev.aigw.core.image.GeneratedImage;
import dev.aigw.core.image.ImageResult;
import dev.aigw.core.media.DataUrl;
import dev.aigw.core.operation.Operation;
import dev.aigw.core.operation.OperationSnapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okio.Buffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 이미지 URL 동작: a result URL answers 302 to the real file, {@code ?download=1} forces a download,
 * and no key is needed — the whole URL is the credential. So the download sends no key to either
 * host, and neither URL is ever logged or shown whole.
 */
class ICodeEasyDownloadWireTest {
  @StartStop final MockWebServer server = new MockWebServer();
  @StartStop final MockWebServer fileHost = new MockWebServer();
  @TempDir Path dir;

  private static final String TASK = ICodeEasyImagesWireTest.TASK_ID;

  private String resultUrl() {
    return server.url("/v1/images/files/gpt-image-2/20260616/" + TASK + "-1.png").toString();
  }

  private void enqueueTaskAndRedirect(String fileUrl) {
    server.enqueue(json(202, "{\"status\":\"pending\",\"task_id\":\"" + TASK + "\"}"));
    server.enqueue(ok("{\"task_id\":\"" + TASK + "\",\"status\":\"completed\",\"model\":\"gpt-image-2\",\"cost\":0.2,"
        + "\"result_url\":\"" + resultUrl() + "\"}"));
    server.enqueue(new MockResponse.Builder().code(302).setHeader("Location", fileUrl).build());
  }

  @Test
  void theResultIsFetchedThroughThe302WithoutTheKeyAndNoUrlIsLoggedOrShownWhole() throws Exception {
    byte[] png = ICodeEasyWire.png(5, 4);
    String fileUrl = fileHost.url("/cdn/8c1f0e9d3b2a/" + TASK + "-1.png").toString();
    enqueueTaskAndRedirect(fileUrl);
    fileHost.enqueue(new MockResponse.Builder().setHeader("Content-Type", "image/png").body(new Buffer().write(png)).build());
    List<String> seen = new CopyOnWriteArrayList<>();
    Path saved;
    ImageResult result;
    try (ICodeEasyWire.LogCapture logs = new ICodeEasyWire.LogCapture();
        ICodeEasyClient client = ICodeEasyWire.client(server)) {
      Operation<ImageResult> op = client.images().submit(ICodeEasyImagesWireTest.minimal());
      op.onUpdate((OperationSnapshot<ImageResult> s) -> seen.add(s.toString()));
      result = op.waitForCompletion(ICodeEasyWire.WAIT);
      saved = result.first().saveTo(dir.resolve("cat.png"));
      assertThat(logs.lines()).isNotEmpty().allSatisfy(line -> assertThat(line)
          .doesNotContain(resultUrl()).doesNotContain(fileUrl).doesNotContain("/v1/images/files/")
          .doesNotContain("8c1f0e9d3b2a").doesNotContain(ICodeEasyWire.KEY));
    }
    assertThat(Files.readAllBytes(saved)).isEqualTo(png);
    assertThat(result.first().url()).isEqualTo(resultUrl());
    assertThat(result.toString()).doesNotContain(resultUrl()).doesNotContain("/v1/images/files/");
    // saved, so its type is known from its bytes; the URL still is not shown
    assertThat(result.first().toString()).isEqualTo("GeneratedImage[url, image/png]");
    assertThat(seen).isNotEmpty().allSatisfy(s -> assertThat(s).doesNotContain("/v1/images/files/"));

    server.takeRequest();
    server.takeRequest();
    RecordedRequest redirect = server.takeRequest();
    RecordedRequest file = fileHost.takeRequest();
    assertThat(redirect.getMethod()).isEqualTo("GET");
    assertThat(redirect.getUrl().encodedPath()).isEqualTo("/v1/images/files/gpt-image-2/20260616/" + TASK + "-1.png");
    assertThat(redirect.getHeaders().get("Authorization")).isNull();
    assertThat(file.getUrl().encodedPath()).isEqualTo("/cdn/8c1f0e9d3b2a/" + TASK + "-1.png");
    assertThat(file.getHeaders().get("Authorization")).isNull();
  }

  @Test
  void forceDownloadAsksForDownload1AndTheRedirectCarriesIt() throws Exception {
    byte[] png = ICodeEasyWire.png(2, 2);
    String fileUrl = fileHost.url("/cdn/abc/" + TASK + "-1.png?download=1").toString();
    enqueueTaskAndRedirect(fileUrl);
    fileHost.enqueue(new MockResponse.Builder().setHeader("Content-Type", "image/png")
        .setHeader("Content-Disposition", "attachment").body(new Buffer().write(png)).build());
    GeneratedImage forced;
    try (ICodeEasyClient client = ICodeEasyWire.client(server)) {
      GeneratedImage image = client.images().generate(ICodeEasyImagesWireTest.minimal(), ICodeEasyWire.WAIT).first();
      forced = client.images().forceDownload(image);
      assertThat(forced.url()).isEqualTo(resultUrl() + "?download=1");
      assertThat(forced.bytes()).isEqualTo(png);
    }
    server.takeRequest();
    server.takeRequest();
    RecordedRequest redirect = server.takeRequest();
    assertThat(redirect.getUrl().queryParameter("download")).isEqualTo("1");
    assertThat(redirect.getHeaders().get("Authorization")).isNull();
    RecordedRequest file = fileHost.takeRequest();
    assertThat(file.getUrl().queryParameter("download")).isEqualTo("1");
    assertThat(file.getHeaders().get("Authorization")).isNull();
  }

  @Test
  void forceDownloadNeedsAnImageBehindAUrl() {
    GeneratedImage inline = new GeneratedImage("icodeeasy", DataUrl.encode("image/png", ICodeEasyWire.png(1, 1)), null,
        null, null, null);
    try (ICodeEasyClient client = ICodeEasyWire.client(server)) {
      assertThatThrownBy(() -> client.images().forceDownload(inline))
          .isInstanceOf(ValidationException.class)
          .hasMessage("icodeeasy: image: only an image behind a URL can be fetched with ?download=1; this one is DATA_URL");
    }
  }

  @Test
  void aFailedDownloadNamesOnlyTheHost() {
    enqueueTaskAndRedirect(fileHost.url("/cdn/secret-token/x.png").toString());
    fileHost.enqueue(new MockResponse.Builder().code(403).body("expired").build());
    try (ICodeEasyClient client = ICodeEasyWire.client(server)) {
      GeneratedImage image = client.images().generate(ICodeEasyImagesWireTest.minimal(), ICodeEasyWire.WAIT).first();
      assertThatThrownBy(image::bytes)
          .isInstanceOf(ConnectionException.class)
          .hasMessageContaining("HTTP 403")
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain("secret-token").doesNotContain("/v1/images/files/"));
    }
  }
}
