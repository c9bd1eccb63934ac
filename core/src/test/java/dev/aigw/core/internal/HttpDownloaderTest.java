package dev.aigw.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aigw.core.Secret;
import dev.aigw.core.spi.Urls;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okio.Buffer;
import org.junit.jupiter.api.Test;

/** Downloads of result URLs: redirects followed, no key sent anywhere, URLs never logged whole. */
class HttpDownloaderTest {
  @StartStop final MockWebServer gateway = new MockWebServer();
  @StartStop final MockWebServer fileHost = new MockWebServer();

  private static final byte[] BYTES = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3};

  @Test
  void withQueryParameterAddsOrReplacesOneParameterAndKeepsTheRest() {
    assertThat(Urls.withQueryParameter("https://api.example.com/v1/images/files/a/1.png", "download", "1"))
        .isEqualTo("https://api.example.com/v1/images/files/a/1.png?download=1");
    assertThat(Urls.withQueryParameter("https://h.example.com/f.png?sig=a%2Bb&download=0", "download", "1"))
        .isEqualTo("https://h.example.com/f.png?sig=a%2Bb&download=1");
    assertThat(Urls.withQueryParameter("http://127.0.0.1:8080/x/y%20z.png", "download", "1"))
        .isEqualTo("http://127.0.0.1:8080/x/y%20z.png?download=1");
  }

  @Test
  void withQueryParameterRefusesANonHttpUrlWithoutShowingIt() {
    assertThatThrownBy(() -> Urls.withQueryParameter("data:image/png;base64,AAAA", "download", "1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("<unparsable url>")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("AAAA"));
    assertThatThrownBy(() -> Urls.withQueryParameter(null, "download", "1"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void followsA302ToAnotherHostWithoutAnyKeyAndNeverLogsEitherUrlWhole() throws Exception {
    String secretPath = "/cdn/4f1d2c9b7a/secret-token-path-1.png";
    String location = fileHost.url(secretPath).toString();
    gateway.enqueue(new MockResponse.Builder().code(302).setHeader("Location", location).build());
    fileHost.enqueue(new MockResponse.Builder().setHeader("Content-Type", "image/png").body(new Buffer().write(BYTES)).build());
    // a transport that holds a key: the downloader it hands out must still send none
    Transport transport = new Transport(TransportConfig.of("vendor", gateway.url("/"), Secret.of("sk_live_secretkey123")));
    String resultUrl = gateway.url("/v1/images/files/gpt-image-2/20260616/abc-1.png?download=1").toString();
    byte[] read;
    try (TransportTestSupport.LogCapture logs = new TransportTestSupport.LogCapture();
        InputStream in = transport.downloader().open(resultUrl)) {
      read = in.readAllBytes();
      assertThat(logs.lines()).isNotEmpty().allSatisfy(line -> assertThat(line)
          .doesNotContain(resultUrl).doesNotContain(location).doesNotContain("secret-token-path")
          .doesNotContain("20260616"));
    }
    assertThat(read).isEqualTo(BYTES);
    RecordedRequest first = gateway.takeRequest();
    RecordedRequest second = fileHost.takeRequest();
    assertThat(first.getUrl().encodedPath()).isEqualTo("/v1/images/files/gpt-image-2/20260616/abc-1.png");
    assertThat(first.getUrl().queryParameter("download")).isEqualTo("1");
    assertThat(second.getUrl().encodedPath()).isEqualTo(secretPath);
    assertThat(first.getHeaders().get("Authorization")).isNull();
    assertThat(second.getHeaders().get("Authorization")).isNull();
    assertThat(second.getHeaders().get("User-Agent")).isEqualTo("aigw-java/0.1.0 vendor");
  }

  @Test
  void aFailedDownloadNamesOnlyTheHost() {
    gateway.enqueue(new MockResponse.Builder().code(404).body("gone").build());
    HttpDownloader downloader = new HttpDownloader(SharedResources.httpClient(), "vendor", Duration.ofSeconds(5));
    String url = gateway.url("/v1/images/files/secret-id-1.png").toString();
    assertThatThrownBy(() -> downloader.open(url))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("HTTP 404")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("secret-id"));
    assertThatThrownBy(() -> downloader.open("not a url"))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("<unparsable url>");
  }
}
