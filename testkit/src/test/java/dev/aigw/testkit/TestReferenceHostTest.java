package dev.aigw.testkit;

import static dev.aigw.testkit.RawHttp.post;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aigw.core.media.ImageFormat;
import dev.aigw.core.media.MediaInput;
import java.io.IOException;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

/** {@link TestReferenceHost} serves what it publishes; {@link FakeCheapSub} fetches loopback references. */
class TestReferenceHostTest {
  private static final byte[] PNG = TestMedia.png(12, 8, 4);

  @Test
  void servesEachPublishedImageAtItsOwnLoopbackUrlAndRecordsTheFetch() throws IOException {
    try (TestReferenceHost host = TestReferenceHost.start()) {
      String url = host.publish(MediaInput.bytes(PNG, "ref.png"), ImageFormat.PNG);

      assertThat(url).startsWith("http://").contains("/refs/").endsWith(".png");
      try (Response r = RawHttp.CLIENT.newCall(new Request.Builder().url(url).build()).execute()) {
        assertThat(r.code()).isEqualTo(200);
        assertThat(r.header("Content-Type")).isEqualTo("image/png");
        assertThat(r.body().bytes()).isEqualTo(PNG);
      }
      try (Response r = RawHttp.CLIENT.newCall(new Request.Builder().url(url + "x").build()).execute()) {
        assertThat(r.code()).isEqualTo(404);
      }
      assertThat(host.published()).singleElement().satisfies(p -> {
        assertThat(p.url()).isEqualTo(url);
        assertThat(p.bytes()).isEqualTo(PNG);
        assertThat(p.format()).isEqualTo(ImageFormat.PNG);
      });
      assertThat(host.fetched()).hasSize(2);
      assertThat(host.toString()).startsWith("TestReferenceHost[http://");
    }
  }

  @Test
  void fakeCheapSubFetchesLoopbackReferencesAndRecordsOthersWithoutBytes() throws IOException {
    try (TestReferenceHost host = TestReferenceHost.start(); FakeCheapSub fake = FakeCheapSub.start()) {
      String url = host.publish(MediaInput.bytes(PNG), ImageFormat.PNG);
      String missing = url.replace("/refs/", "/gone/");
      RawHttp.Answer answer = post(fake, "/api/v1/image", fake.apiKey(), "{\"model\":\"nano-banana-2\",\"prompt\":\"a cat\","
          + "\"images\":[\"" + url + "\",\"https://example.com/cat.png\",\"" + missing + "\"]}");

      assertThat(answer.code()).as(answer.body()).isEqualTo(200);
      assertThat(fake.receivedReferences()).hasSize(3);
      assertThat(fake.receivedReferences().get(0).url()).isEqualTo(url);
      assertThat(fake.receivedReferences().get(0).bytes()).isEqualTo(PNG);
      assertThat(fake.receivedReferences().get(1).bytes()).as("never fetched off loopback").isNull();
      assertThat(fake.receivedReferences().get(2).bytes()).as("a 404").isNull();
    }
  }
}
