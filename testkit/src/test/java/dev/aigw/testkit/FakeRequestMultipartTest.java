package dev.aigw.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import mockwebserver3.MockResponse;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link FakeRequest#multipart()}: the parts a fake reads from a {@code multipart/form-data} body. */
@Timeout(30)
class FakeRequestMultipartTest {

  /** Answers each part as {@code name|filename|type|text}, or the parse failure. */
  static final class FormEcho extends FakeGateway {
    FormEcho() {
      super("form", "fk_", BigDecimal.ONE);
      publicRoute("POST", "/form", r -> {
        List<String> seen = new ArrayList<>();
        try {
          for (FakeRequest.FormPart p : r.multipart()) {
            seen.add(p.name() + "|" + p.filename() + "|" + p.contentType() + "|" + p.text() + "|" + p.bytes().length);
          }
        } catch (IOException e) {
          return json(400, obj("error", "malformed"));
        }
        return json(200, obj("multipart", r.isMultipart(), "parts", seen));
      });
      startServer();
    }

    @Override
    protected MockResponse authError(AuthProblem problem) {
      return error(401, null, "no");
    }

    @Override
    protected MockResponse error(int status, String code, String message) {
      return json(status, obj("error", message));
    }
  }

  private FormEcho fake;

  @BeforeEach
  void start() {
    fake = new FormEcho();
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  private RawHttp.Answer post(RequestBody body) throws IOException {
    Request request = new Request.Builder().url(fake.baseUrl() + "/form").post(body).build();
    try (Response r = RawHttp.CLIENT.newCall(request).execute()) {
      return new RawHttp.Answer(r.code(), r.body().string(), r.headers(), 0);
    }
  }

  @Test
  void readsTextFieldsAndFilesInOrder() throws IOException {
    RawHttp.Answer a = post(new MultipartBody.Builder().setType(MultipartBody.FORM)
        .addFormDataPart("model", "gpt-image-2")
        .addFormDataPart("image", "cat \"1\".png", RequestBody.create(new byte[] {1, 2, 3}, MediaType.get("image/png")))
        .addPart(RequestBody.create("raw", null))
        .build());
    assertThat(a.code()).as(a.body()).isEqualTo(200);
    assertThat(a.at("multipart")).isEqualTo(true);
    assertThat(a.at("parts")).isEqualTo(List.of(
        "model|null|null|gpt-image-2|11",
        "image|cat %221%22.png|image/png|\u0001\u0002\u0003|3",
        "null|null|null|raw|3"));
  }

  @Test
  void aBodyThatIsNotMultipartHasNoParts() throws IOException {
    RawHttp.Answer json = post(RequestBody.create("{\"a\":1}", MediaType.get("application/json")));
    assertThat(json.at("multipart")).isEqualTo(false);
    assertThat(json.at("parts")).isEqualTo(List.of());
    RawHttp.Answer noBoundary = post(RequestBody.create("x", MediaType.get("multipart/form-data")));
    assertThat(noBoundary.at("multipart")).isEqualTo(false);
    RawHttp.Answer mixed = post(RequestBody.create("x", MediaType.get("multipart/mixed; boundary=b")));
    assertThat(mixed.at("multipart")).isEqualTo(false);
  }

  @Test
  void aMalformedBodyIsAnIoError() throws IOException {
    RawHttp.Answer a = post(RequestBody.create("--b\r\nContent-Disposition: form-data; name=\"model\"\r\n\r\ngpt",
        MediaType.get("multipart/form-data; boundary=b")));
    assertThat(a.code()).isEqualTo(400);
    assertThat(a.string("error")).isEqualTo("malformed");
  }
}
