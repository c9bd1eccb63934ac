package dev.aigw.icodeeasy;

import static dev.aigw.icodeeasy.ICodeEasyWire.assertPost;
import static dev.aigw.icodeeasy.ICodeEasyWire.body;
import static dev.aigw.icodeeasy.ICodeEasyWire.fixture;
import static dev.aigw.icodeeasy.ICodeEasyWire.json;
import static dev.aigw.icodeeasy.ICodeEasyWire.ok;
import static dev.aigw.icodeeasy.ICodeEasyWire.parts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aigw.core.error.ValidationException;
import dev.aigw.core.image.ImageRequest;
import dev.aigw.core.image.Quality;
import dev.aigw.core.image.Resolution;
import dev.aigw.core.media.DataUrl;
import dev.aigw.core.media.MediaInput;
import dev.aigw.core.operation.Operation;
import dev.aigw.icodeeasy.ICodeEasyImageOptions.LocalReferences;
import dev.aigw.icodeeasy.ICodeEasyWire.FormPart;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Local reference images: multipart {@code image[]} files (the default) or inline data URLs in
 * JSON, and what happens when remote URLs and local files are mixed in each mode. The doc's
 * multipart example (요청 예시 "Image-to-image uploading a local file (multipart)") is the fixture.
 */
class ICodeEasyMultipartWireTest {
  @StartStop final MockWebServer server = new MockWebServer();
  @TempDir Path dir;

  /** The doc's {@code -F name=value} lines, in order; {@code @path} values stay as written. */
  static Map<String, String> documentedForm() {
    Map<String, String> form = new LinkedHashMap<>();
    Matcher m = Pattern.compile("-F \"([^=]+)=([^\"]*)\"").matcher(fixture("edit-multipart-form.txt"));
    while (m.find()) {
      form.put(m.group(1), m.group(2));
    }
    return form;
  }

  private Path photo(byte[] bytes) throws Exception {
    return Files.write(dir.resolve("photo.png"), bytes);
  }

  /** The doc's multipart example, sync: the same fields in the same order, the file as {@code image[]}. */
  @Test
  void aLocalFileGoesAsTheDocumentedMultipartForm() throws Exception {
    byte[] png = ICodeEasyWire.png(4, 3);
    server.enqueue(ok(fixture("sync-response.json")));
    try (ICodeEasyClient client = ICodeEasyWire.client(server)) {
      client.images().generateSync(ImageRequest.builder().model("gpt-image-2").prompt("make this person 70 years old")
          .size(1536, 1024).referenceFile(photo(png)).build());
    }
    RecordedRequest request = server.takeRequest();
    assertPost(request, "/v1/images/edits", null, "multipart/form-data");
    List<FormPart> parts = parts(request);
    Map<String, String> documented = documentedForm();
    assertThat(parts).extracting(FormPart::name).containsExactlyElementsOf(documented.keySet());
    for (FormPart part : parts.subList(0, 3)) {
      assertThat(part.filename()).isNull();
      assertThat(part.text()).isEqualTo(documented.get(part.name()));
    }
    FormPart file = parts.get(3);
    assertThat("@/path/to/" + file.filename()).isEqualTo(documented.get("image[]"));
    assertThat(file.contentType()).isEqualTo("image/png");
    assertThat(file.bytes()).isEqualTo(png);
    assertThat(request.getHeaders().get("Content-Length")).isEqualTo(String.valueOf(request.getBodySize()));
  }

  @Test
  void asyncMultipartCarriesEveryFieldAndSeveralFiles() throws Exception {
    byte[] png = ICodeEasyWire.png(2, 2);
    byte[] jpeg = dev.aigw.testkit.TestMedia.jpeg(4, 4, 1);
    String inline = DataUrl.encode("image/png", ICodeEasyWire.png(1, 1));
    server.enqueue(json(202, fixture("async-submit-response.json")));
    Operation<?> op;
    try (ICodeEasyClient client = ICodeEasyWire.client(server)) {
      op = client.images().submit(ImageRequest.builder().prompt("merge").n(2).aspectRatio(21, 9)
          .resolution(Resolution.K1).quality(Quality.HIGH).referenceFile(photo(png))
          .reference(MediaInput.bytes(jpeg, "b.jpg")).referenceUrl(inline)
          .extraBody("user", "u-1").extraBody("seedless", true).build());
    }
    assertThat(op.id()).isEqualTo(ICodeEasyImagesWireTest.TASK_ID);
    RecordedRequest request = server.takeRequest();
    assertPost(request, "/v1/images/edits", "async=1", "multipart/form-data");
    List<FormPart> parts = parts(request);
    assertThat(parts).extracting(FormPart::name).containsExactly("model", "prompt", "n", "size", "resolution",
        "quality", "user", "seedless", "image[]", "image[]", "image[]");
    assertThat(parts.subList(0, 8)).extracting(FormPart::text)
        .containsExactly("gpt-image-2", "merge", "2", "21:9", "1k", "high", "u-1", "true");
    assertThat(parts.get(8).bytes()).isEqualTo(png);
    assertThat(parts.get(9).filename()).isEqualTo("b.jpg");
    assertThat(parts.get(9).contentType()).isEqualTo("image/jpeg");
    assertThat(parts.get(9).bytes()).isEqualTo(jpeg);
    // a data URL beside a file is decoded into a file part of its own
    assertThat(parts.get(10).filename()).isEqualTo("image.png");
    assertThat(parts.get(10).contentType()).isEqualTo("image/png");
    assertThat(parts.get(10).bytes()).isEqualTo(ICodeEasyWire.png(1, 1));
  }

  @Test
  void anExtraFieldOverridesATypedOneInTheForm() throws Exception {
    server.enqueue(ok(fixture("sync-response.json")));
    try (ICodeEasyClient client = ICodeEasyWire.client(server)) {
      client.images().generateSync(ImageRequest.builder().prompt("x").aspectRatio(1, 1).extraBody("size", "auto")
          .extraBody("n", 3).reference(MediaInput.bytes(ICodeEasyWire.png(1, 1))).build());
    }
    List<FormPart> parts = parts(server.takeRequest());
    assertThat(parts).extracting(FormPart::name).containsExactly("model", "prompt", "size", "n", "image[]");
    assertThat(parts.get(2).text()).isEqualTo("auto");
    assertThat(parts.get(3).text()).isEqualTo("3");
  }

  @Test
  void multipartRefusesARemoteUrlBesideALocalFileAndSaysWhatToDo() throws Exception {
    Path file = photo(ICodeEasyWire.png(2, 2));
    try (ICodeEasyClient client = ICodeEasyWire.client(server)) {
      assertThatThrownBy(() -> client.images().submit(ImageRequest.builder().prompt("x")
          .referenceUrl("https://example.com/a.png").referenceFile(file).build()))
          .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("references"))
          .hasMessageStartingWith("icodeeasy: references: reference 1 is a remote URL")
          .hasMessageContaining("localReferences(JSON_DATA_URLS)")
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain("example.com"));
    }
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void multipartRefusesAListOrMapInExtraBody() {
    try (ICodeEasyClient client = ICodeEasyWire.client(server)) {
      assertThatThrownBy(() -> client.images().submit(ImageRequest.builder().prompt("x")
          .reference(MediaInput.bytes(ICodeEasyWire.png(1, 1))).extraBody("tags", List.of("a")).build()))
          .isInstanceOf(ValidationException.class)
          .hasMessage("icodeeasy: extraBody: 'tags' is a list, but a multipart request carries text fields only");
      assertThatThrownBy(() -> client.images().submit(ImageRequest.builder().prompt("x")
          .reference(MediaInput.bytes(ICodeEasyWire.png(1, 1))).extraBody("meta", Map.of("a", 1)).build()))
          .isInstanceOf(ValidationException.class).hasMessageContaining("'meta' is a map");
    }
    assertThat(server.getRequestCount()).isZero();
  }

  /** With {@link LocalReferences#JSON_DATA_URLS} a file is inlined and may sit beside a URL. */
  @Test
  void jsonDataUrlModeInlinesFilesBesideUrls() throws Exception {
    byte[] png = ICodeEasyWire.png(3, 3);
    byte[] jpeg = dev.aigw.testkit.TestMedia.jpeg(2, 2, 4);
    server.enqueue(ok(fixture("sync-response.json")));
    try (ICodeEasyClient client = ICodeEasyWire.client(server)) {
      client.images().generateSync(ImageRequest.builder().prompt("merge these two photos into a poster")
          .referenceUrl("https://example.com/photo-a.jpg").referenceFile(photo(png)).reference(MediaInput.bytes(jpeg))
          .vendorOption(ICodeEasyImageOptions.localReferences(LocalReferences.JSON_DATA_URLS)).build());
    }
    RecordedRequest request = server.takeRequest();
    assertPost(request, "/v1/images/edits", null, "application/json");
    assertThat(body(request)).isEqualTo(Map.of("model", "gpt-image-2", "prompt", "merge these two photos into a poster",
        "image_urls", List.of("https://example.com/photo-a.jpg", DataUrl.encode("image/png", png),
            DataUrl.encode("image/jpeg", jpeg))));
  }

  @Test
  void withoutLocalFilesTheUploadModeChangesNothing() throws Exception {
    server.enqueue(ok(fixture("sync-response.json")));
    try (ICodeEasyClient client = ICodeEasyWire.client(server)) {
      client.images().generateSync(ICodeEasyImagesWireTest.editByUrl().toBuilder()
          .vendorOption(ICodeEasyImageOptions.localReferences(LocalReferences.MULTIPART)).build());
    }
    RecordedRequest request = server.takeRequest();
    assertPost(request, "/v1/images/edits", null, "application/json");
    assertThat(body(request)).isEqualTo(ICodeEasyWire.parse(fixture("edit-url-request.json")));
  }

  @Test
  void aLocalFileThatIsNotAnImageIsRefusedBeforeSending() throws Exception {
    Path notes = Files.writeString(dir.resolve("notes.txt"), "hello");
    try (ICodeEasyClient client = ICodeEasyWire.client(server)) {
      assertThatThrownBy(() -> client.images().submit(ImageRequest.builder().prompt("x").referenceFile(notes).build()))
          .isInstanceOf(ValidationException.class)
          .hasMessage("icodeeasy: references: file notes.txt is not a recognised image; accepted: GIF, JPEG, PNG, WEBP");
    }
    assertThat(server.getRequestCount()).isZero();
  }
}
