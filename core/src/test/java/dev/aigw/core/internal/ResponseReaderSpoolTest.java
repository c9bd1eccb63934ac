package dev.aigw.core.internal;

import static dev.aigw.core.internal.TransportTestSupport.config;
import static dev.aigw.core.internal.TransportTestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.aigw.core.error.AigwException;
import dev.aigw.core.error.MalformedResponseException;
import dev.aigw.core.http.RawResponse;
import dev.aigw.core.spi.ApiRequest;
import dev.aigw.core.spi.ResponseReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link ResponseReader#spool}: binary answers go to a temporary file; anything else is a clear error. */
class ResponseReaderSpoolTest {
  @StartStop final MockWebServer server = new MockWebServer();

  private final List<Path> spooled = new ArrayList<>();

  @AfterEach
  void deleteSpooledFiles() throws Exception {
    for (Path p : spooled) {
      Files.deleteIfExists(p);
    }
  }

  private RawResponse<ResponseReader.SpooledBody> download() {
    Transport t = new Transport(config(server));
    RawResponse<ResponseReader.SpooledBody> r =
        t.execute(ApiRequest.get("/v1/files/f1/content").build(), ResponseReader.spool("image bytes"));
    spooled.add(r.body().file());
    return r;
  }

  private AigwException failedDownload() {
    Transport t = new Transport(config(server));
    Throwable e = catchThrowable(() ->
        t.execute(ApiRequest.get("/v1/files/f1/content").build(), ResponseReader.spool("image bytes")));
    assertThat(e).isExactlyInstanceOf(MalformedResponseException.class);
    return (AigwException) e;
  }

  @Test
  void spoolsBinaryBytesToATemporaryFileOfTheRightSize() throws Exception {
    byte[] png = TransportWireTest.pngBytes(300_000);
    server.enqueue(new MockResponse.Builder().setHeader("Content-Type", "image/png").body(new Buffer().write(png)).build());

    ResponseReader.SpooledBody body = download().body();

    assertThat(body.size()).isEqualTo(300_000);
    assertThat(body.contentType()).isEqualTo("image/png");
    assertThat(body.file()).exists().hasSize(300_000);
    assertThat(Files.readAllBytes(body.file())).isEqualTo(png);
  }

  @Test
  void spoolsAChunkedAnswerWithoutContentLengthOrType() throws Exception {
    byte[] bytes = TransportWireTest.pngBytes(50_000);
    server.enqueue(new MockResponse.Builder().chunkedBody(new Buffer().write(bytes), 4096).build());

    ResponseReader.SpooledBody body = download().body();

    assertThat(body.contentType()).isNull();
    assertThat(body.size()).isEqualTo(50_000);
    assertThat(Files.readAllBytes(body.file())).isEqualTo(bytes);
  }

  @Test
  void aJsonAnswerWhereBytesWereExpectedIsAnErrorQuotingTheServer() {
    server.enqueue(json(200, "{\"error\":\"file expired\"}"));

    AigwException e = failedDownload();

    assertThat(e).hasMessage(
        "[acme] expected image bytes but the server answered 200 with application/json: {\"error\":\"file expired\"}");
    assertThat(e.vendor()).isEqualTo("acme");
    assertThat(server.getRequestCount()).as("not retried").isEqualTo(1);
  }

  @Test
  void anHtmlAnswerWhereBytesWereExpectedIsAnError() {
    server.enqueue(new MockResponse.Builder().setHeader("Content-Type", "text/html; charset=utf-8")
        .body("<html><title>Login</title></html>").build());

    assertThat(failedDownload()).hasMessage(
        "[acme] expected image bytes but the server answered 200 with text/html: <html><title>Login</title></html>");
  }

  @Test
  void quotesAtMost300CharactersOfTheServersAnswer() {
    String answer = "{\"message\":\"" + "z".repeat(1000) + "\"}";
    server.enqueue(json(200, answer));

    assertThat(failedDownload()).hasMessage(
        "[acme] expected image bytes but the server answered 200 with application/json: " + answer.substring(0, 300) + "…");
  }

  @Test
  void anEmptyBodyIsAnError() {
    server.enqueue(new MockResponse.Builder().setHeader("Content-Type", "image/png").build());

    assertThat(failedDownload()).hasMessage("[acme] expected image bytes but the body was empty");
  }
}
