package dev.aigw.gptimagehub;

import static dev.aigw.gptimagehub.HubWire.assertModelsGet;
import static dev.aigw.gptimagehub.HubWire.docFormFields;
import static dev.aigw.gptimagehub.HubWire.fixture;
import static dev.aigw.gptimagehub.HubWire.json;
import static dev.aigw.gptimagehub.HubWire.models;
import static dev.aigw.gptimagehub.HubWire.multipart;
import static dev.aigw.gptimagehub.HubWire.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aigw.core.VendorOption;
import dev.aigw.core.error.ServerException;
import dev.aigw.core.error.ValidationException;
import dev.aigw.core.image.ImageRequest;
import dev.aigw.core.image.Quality;
import dev.aigw.core.image.Resolution;
import dev.aigw.core.media.DataUrl;
import dev.aigw.core.media.MediaInput;
import dev.aigw.testkit.TestMedia;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Reference images as {@code multipart/form-data} (doc 이미지 생성 → 참조 이미지 요청, and 한도), and every
 * check made before a generation is sent.
 */
class GptImageHubReferencesWireTest {
  @StartStop final MockWebServer server = new MockWebServer();

  @TempDir Path dir;

  /** The doc's 참조 이미지 요청, with {@code reference.png} a real PNG file. */
  ImageRequest.Builder docReferenceRequest(Path reference) {
    return ImageRequest.builder().model("gpt-image-2")
        .prompt("Use the reference image and render it as a premium studio product shot")
        .size(1024, 1024).quality(Quality.HIGH).n(1).referenceFile(reference);
  }

  Path png(String name, int seed) throws Exception {
    return Files.write(dir.resolve(name), TestMedia.png(16, 16, seed));
  }

  static ImageRequest.Builder simple() {
    return ImageRequest.builder().model("gpt-image-2").prompt("A red fox in the snow");
  }

  /** A file that starts like a WebP (RIFF....WEBPVP8 ) — detection is by these bytes. */
  static byte[] webp() {
    byte[] b = new byte[64];
    System.arraycopy("RIFF".getBytes(StandardCharsets.US_ASCII), 0, b, 0, 4);
    b[4] = 56;
    System.arraycopy("WEBPVP8 ".getBytes(StandardCharsets.US_ASCII), 0, b, 8, 8);
    return b;
  }

  // ---- the multipart body ----

  /** 참조 이미지 요청: the same fields, in the doc's order, then the file, streamed with its bytes intact. */
  @Test
  void sendsTheDocumentedMultipartFieldsAndTheFile() throws Exception {
    Path reference = png("reference.png", 7);
    server.enqueue(ok(models(16)));
    server.enqueue(ok(fixture("generation-response.json")));
    GptImageHubGeneration g;
    try (GptImageHubClient client = HubWire.client(server)) {
      g = client.images().generateSync(docReferenceRequest(reference).build());
    }
    assertThat(g.id()).isEqualTo(HubWire.DOC_ID);
    assertModelsGet(server.takeRequest());
    List<HubWire.Part> parts = multipart(server.takeRequest());

    List<String[]> doc = docFormFields();
    assertThat(parts).extracting(HubWire.Part::name).containsExactly(doc.stream().map(f -> f[0]).toArray(String[]::new));
    for (int i = 0; i < doc.size() - 1; i++) {
      assertThat(parts.get(i).text()).as(doc.get(i)[0]).isEqualTo(doc.get(i)[1]);
      assertThat(parts.get(i).filename()).isNull();
    }
    HubWire.Part file = parts.get(parts.size() - 1);
    assertThat(doc.get(doc.size() - 1)).containsExactly("reference_image", "@./reference.png");
    assertThat(file.name()).isEqualTo("reference_image");
    assertThat(file.filename()).isEqualTo("reference.png");
    assertThat(file.contentType()).isEqualTo("image/png");
    assertThat(file.bytes()).isEqualTo(Files.readAllBytes(reference));
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void theQueuedModeAddsAsyncAsAFormField() throws Exception {
    server.enqueue(ok(models(16)));
    server.enqueue(json(202, fixture("generation-async-response.json")));
    try (GptImageHubClient client = HubWire.client(server)) {
      client.images().submit(docReferenceRequest(png("reference.png", 1)).build());
    }
    server.takeRequest();
    List<HubWire.Part> parts = multipart(server.takeRequest());
    assertThat(parts).extracting(HubWire.Part::name)
        .containsExactly("model", "prompt", "size", "quality", "n", "async", "reference_image");
    assertThat(parts.get(5).text()).isEqualTo("true");
  }

  /** PNG, JPG/JPEG and WebP each go with their own content type; bytes and data URLs are uploaded too. */
  @Test
  void eachAcceptedFormatIsUploadedWithItsContentType() throws Exception {
    byte[] jpeg = TestMedia.jpeg(16, 16, 3);
    byte[] png = TestMedia.png(16, 16, 4);
    Path jpg = Files.write(dir.resolve("photo.jpeg"), jpeg);
    server.enqueue(ok(models(16)));
    server.enqueue(ok(fixture("generation-response.json")));
    try (GptImageHubClient client = HubWire.client(server)) {
      client.images().generateSync(simple().referenceFile(jpg).reference(MediaInput.bytes(webp()))
          .reference(MediaInput.bytes(png, "mine.png")).referenceUrl(DataUrl.encode("image/png", png)).build());
    }
    server.takeRequest();
    List<HubWire.Part> parts = multipart(server.takeRequest());
    assertThat(parts).extracting(HubWire.Part::name)
        .containsExactly("model", "prompt", "reference_image", "reference_image", "reference_image", "reference_image");
    assertThat(parts.subList(2, 6)).extracting(HubWire.Part::filename)
        .containsExactly("photo.jpeg", "image.webp", "mine.png", "image.png");
    assertThat(parts.subList(2, 6)).extracting(HubWire.Part::contentType)
        .containsExactly("image/jpeg", "image/webp", "image/png", "image/png");
    assertThat(parts.get(2).bytes()).isEqualTo(jpeg);
    assertThat(parts.get(3).bytes()).isEqualTo(webp());
    assertThat(parts.get(4).bytes()).isEqualTo(png);
    assertThat(parts.get(5).bytes()).isEqualTo(png);
  }

  @Test
  void extraBodyBecomesFormFieldsButOnlyScalarsCan() throws Exception {
    server.enqueue(ok(models(16)));
    server.enqueue(ok(fixture("generation-response.json")));
    try (GptImageHubClient client = HubWire.client(server)) {
      client.images().generateSync(simple().referenceFile(png("a.png", 1)).extraBody("seed_hint", 42)
          .extraBody("hd", true).build());
      assertThatThrownBy(() -> client.images().generateSync(simple().referenceFile(png("b.png", 2))
          .extraBody("tags", List.of("a")).build()))
          .isInstanceOf(ValidationException.class)
          .hasMessageContaining("gptimagehub").hasMessageContaining("extraBody").hasMessageContaining("tags");
    }
    server.takeRequest();
    List<HubWire.Part> parts = multipart(server.takeRequest());
    assertThat(parts.get(2).name()).isEqualTo("seed_hint");
    assertThat(parts.get(2).text()).isEqualTo("42");
    assertThat(parts.get(3).text()).isEqualTo("true");
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  // ---- the model's reference_image_limit ----

  @Test
  void theReferenceCountIsCheckedAgainstTheModelsLimitBeforeSending() throws Exception {
    server.enqueue(ok(models(2)));
    try (GptImageHubClient client = HubWire.client(server)) {
      assertThatThrownBy(() -> client.images().submit(simple().referenceFile(png("1.png", 1))
          .referenceFile(png("2.png", 2)).referenceFile(png("3.png", 3)).build()))
          .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("references"))
          .hasMessage("gptimagehub: references: gpt-image-2 takes at most 2 reference images "
              + "(its reference_image_limit), was given 3");
    }
    assertModelsGet(server.takeRequest());
    assertThat(server.getRequestCount()).isEqualTo(1); // the model list only: no generation was sent
  }

  /** {@code n} distinct small PNGs as bytes. */
  static ImageRequest.Builder withReferences(ImageRequest.Builder request, int n) {
    for (int i = 0; i < n; i++) {
      request.reference(dev.aigw.core.media.MediaInput.bytes(TestMedia.png(4, 4, i), "ref" + i + ".png"));
    }
    return request;
  }

  @Test
  void moreReferencesThanTheDefaultLimitAreRefusedWithoutAnyRequest() {
    try (GptImageHubClient client = HubWire.client(server)) {
      assertThatThrownBy(() -> client.images().submit(withReferences(simple(), 17).build()))
          .isInstanceOfSatisfying(ValidationException.class, e -> {
            assertThat(e.vendor()).isEqualTo("gptimagehub");
            assertThat(e.field()).isEqualTo("references");
          })
          .hasMessage("gptimagehub: references: at most 16 reference images are taken while the model list is not "
              + "known (aigw's default; call models().catalog() first to check against gpt-image-2's own "
              + "reference_image_limit), was given 17");
      assertThatThrownBy(() -> client.images().generateSync(withReferences(simple(), 40).build()))
          .isInstanceOf(ValidationException.class);
    }
    assertThat(server.getRequestCount()).as("not even the model list is fetched").isZero();
  }

  @Test
  void checkReportsTheDefaultReferenceLimitWithoutAnyRequest() {
    try (GptImageHubClient client = HubWire.client(server)) {
      var result = client.check(withReferences(simple(), 17).build());
      assertThat(result.refusals()).singleElement().satisfies(r -> assertThat(r.field()).isEqualTo("references"));
      assertThat(result.messages()).singleElement().asString().contains("at most 16 reference images");
      assertThat(client.check(withReferences(simple(), 3).build()).deferred()).isNotEmpty();
    }
    assertThat(server.getRequestCount()).as("check() sends nothing").isZero();
  }

  @Test
  void aKnownModelListRaisesTheDefaultLimit() throws Exception {
    server.enqueue(ok(models(20)));
    server.enqueue(ok(fixture("generation-response.json")));
    try (GptImageHubClient client = HubWire.client(server)) {
      client.models().catalog();
      client.images().generateSync(withReferences(simple(), 20).build());
    }
    assertModelsGet(server.takeRequest());
    assertThat(multipart(server.takeRequest())).filteredOn(p -> p.name().equals("reference_image")).hasSize(20);
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void aKnownModelListLowersTheLimitAndTheCheckSendsNothing() throws Exception {
    server.enqueue(ok(models(2)));
    try (GptImageHubClient client = HubWire.client(server)) {
      client.models().catalog();
      assertThatThrownBy(() -> client.images().submit(withReferences(simple(), 3).build()))
          .isInstanceOf(ValidationException.class)
          .hasMessage("gptimagehub: references: gpt-image-2 takes at most 2 reference images "
              + "(its reference_image_limit), was given 3");
    }
    assertModelsGet(server.takeRequest());
    assertThat(server.getRequestCount()).as("the catalogue call only").isEqualTo(1);
  }

  @Test
  void theModelListIsFetchedOnceAndKept() throws Exception {
    server.enqueue(ok(models(2)));
    server.enqueue(ok(fixture("generation-response.json")));
    server.enqueue(ok(fixture("generation-response.json")));
    try (GptImageHubClient client = HubWire.client(server)) {
      client.images().generateSync(simple().referenceFile(png("1.png", 1)).build());
      client.images().generateSync(simple().referenceFile(png("2.png", 2)).referenceFile(png("3.png", 3)).build());
      assertThatThrownBy(() -> client.images().generateSync(simple().referenceFile(png("4.png", 4))
          .referenceFile(png("5.png", 5)).referenceFile(png("6.png", 6)).build()))
          .isInstanceOf(ValidationException.class);
    }
    assertThat(server.getRequestCount()).isEqualTo(3);
    assertModelsGet(server.takeRequest());
    assertThat(server.takeRequest().getUrl().encodedPath()).isEqualTo(HubWire.GENERATIONS);
    assertThat(server.takeRequest().getUrl().encodedPath()).isEqualTo(HubWire.GENERATIONS);
  }

  @Test
  void manyThreadsCheckingAtOnceFetchTheModelListOnce() throws Exception {
    server.enqueue(ok(models(1)));
    int threads = 8;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<?>> results = new ArrayList<>();
    try (GptImageHubClient client = HubWire.client(server)) {
      for (int i = 0; i < threads; i++) {
        Path a = png("t" + i + "a.png", i);
        Path b = png("t" + i + "b.png", i + 100);
        results.add(pool.submit(() -> {
          start.await();
          return org.assertj.core.api.Assertions.catchThrowable(() ->
              client.images().submit(simple().referenceFile(a).referenceFile(b).build()));
        }));
      }
      start.countDown();
      for (Future<?> f : results) {
        assertThat(f.get(10, TimeUnit.SECONDS)).isInstanceOf(ValidationException.class);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void aModelTheListDoesNotHaveIsRefusedWhenItsLimitIsNeeded() throws Exception {
    server.enqueue(ok(models(4)));
    try (GptImageHubClient client = HubWire.client(server)) {
      assertThatThrownBy(() -> client.images().submit(simple().model("gpt-image-9").referenceFile(png("1.png", 1)).build()))
          .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("model"))
          .hasMessageContaining("gptimagehub")
          .hasMessageContaining("lists gpt-image-2; was gpt-image-9");
    }
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void aModelWithoutAStatedLimitIsNotCapped() throws Exception {
    server.enqueue(ok("{\"data\":[{\"id\":\"gpt-image-2\"}]}"));
    server.enqueue(ok(fixture("generation-response.json")));
    try (GptImageHubClient client = HubWire.client(server)) {
      client.images().generateSync(simple().referenceFile(png("1.png", 1)).referenceFile(png("2.png", 2)).build());
    }
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void withoutReferencesTheDocumentedModelNeedsNoModelList() throws Exception {
    server.enqueue(ok(fixture("generation-response.json")));
    try (GptImageHubClient client = HubWire.client(server)) {
      client.images().generateSync(ImageRequest.builder().prompt("A red fox in the snow").build());
    }
    assertThat(server.getRequestCount()).isEqualTo(1);
    RecordedRequest sent = server.takeRequest();
    assertThat(sent.getUrl().encodedPath()).isEqualTo(HubWire.GENERATIONS);
    assertThat(HubWire.body(sent)).containsEntry("model", "gpt-image-2");
  }

  @Test
  void aModelTheDocumentationDoesNotNameIsLookedUpInTheModelListAndRefusedWhenAbsent() throws Exception {
    server.enqueue(ok(models(16)));
    try (GptImageHubClient client = HubWire.client(server)) {
      assertThatThrownBy(() -> client.images().generateSync(simple().model("some-new-model").build()))
          .isInstanceOf(ValidationException.class)
          .hasMessage("gptimagehub: model: GPTImageHub lists gpt-image-2; was some-new-model");
      assertThat(client.check(simple().model("some-new-model").build()).messages())
          .containsExactly("gptimagehub: model: GPTImageHub lists gpt-image-2; was some-new-model");
    }
    assertModelsGet(server.takeRequest());
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void aModelTheModelListAddsIsSent() throws Exception {
    server.enqueue(ok("{\"data\":[{\"id\":\"gpt-image-2\"},{\"id\":\"gpt-image-3\"}]}"));
    server.enqueue(ok(fixture("generation-response.json")));
    try (GptImageHubClient client = HubWire.client(server)) {
      assertThat(client.check(simple().model("gpt-image-3").build()).deferred()).containsExactly(
          "the model gpt-image-3 is looked up in GPTImageHub's model list (GET /api/v1/models) when sent");
      client.images().generateSync(simple().model("gpt-image-3").build());
    }
    assertModelsGet(server.takeRequest());
    assertThat(HubWire.body(server.takeRequest())).containsEntry("model", "gpt-image-3");
  }

  @Test
  void aFailingModelListStopsTheGenerationBeforeItIsSent() throws Exception {
    Path reference = png("1.png", 1);
    for (int i = 0; i < 3; i++) {
      server.enqueue(json(503, "{\"error\":{\"message\":\"down\"}}"));
    }
    try (GptImageHubClient client = HubWire.client(server)) {
      assertThatThrownBy(() -> client.images().submit(simple().referenceFile(reference).build()))
          .isInstanceOf(ServerException.class);
    }
    assertThat(server.getRequestCount()).isEqualTo(3); // the GET retried twice; no POST
  }

  // ---- checks on each reference ----

  /** 한도: "Each file can be up to 50MB" — a file one byte over is refused before anything is sent. */
  @Test
  void aReferenceOver50MiBIsRefusedBeforeSending() throws Exception {
    Path big = dir.resolve("huge.png");
    try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
      f.write(TestMedia.png(4, 4, 1));
      f.setLength(GptImageHubImages.MAX_REFERENCE_BYTES + 1); // sparse: fast, and never read whole
    }
    try (GptImageHubClient client = HubWire.client(server)) {
      assertThatThrownBy(() -> client.images().submit(simple().referenceFile(big).build()))
          .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("references"))
          .hasMessage("gptimagehub: references: file huge.png is 52428801 bytes; at most 52428800 bytes (50 MiB) are accepted");
    }
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void aReferenceOfExactly50MiBPasses() throws Exception {
    Path big = dir.resolve("limit.png");
    try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
      f.write(TestMedia.png(4, 4, 1));
      f.setLength(GptImageHubImages.MAX_REFERENCE_BYTES);
    }
    try (GptImageHubClient client = HubWire.builder(server).maxRetries(0).build()) {
      // checked and allowed: the first request is the model list, which this test refuses
      server.enqueue(json(500, "{\"error\":{\"message\":\"stop here\"}}"));
      assertThatThrownBy(() -> client.images().submit(simple().referenceFile(big).build()))
          .isInstanceOf(ServerException.class);
    }
    assertModelsGet(server.takeRequest());
  }

  @ParameterizedTest
  @ValueSource(strings = {"gif", "text"})
  void aReferenceThatIsNotPngJpegOrWebpIsRefused(String kind) throws Exception {
    byte[] bytes = kind.equals("gif") ? "GIF89a-not-really".getBytes(StandardCharsets.US_ASCII)
        : "just some text".getBytes(StandardCharsets.US_ASCII);
    Path file = Files.write(dir.resolve("ref." + kind), bytes);
    try (GptImageHubClient client = HubWire.client(server)) {
      assertThatThrownBy(() -> client.images().submit(simple().referenceFile(file).build()))
          .isInstanceOf(ValidationException.class)
          .hasMessageContaining("gptimagehub")
          .hasMessageContaining("references")
          .hasMessageContaining("accepted: JPEG, PNG, WEBP");
    }
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void aReferenceUrlIsDownloadedWithoutTheKeyAndUploadedAsAFile() throws Exception {
    byte[] image = TestMedia.png(16, 16, 9);
    server.enqueue(ok(models(16)));
    server.enqueue(new mockwebserver3.MockResponse.Builder().code(200).setHeader("Content-Type", "image/png")
        .body(new okio.Buffer().write(image)).build());
    server.enqueue(ok(fixture("generation-response.json")));
    String url = server.url("/images/cat.png?sig=secret123").toString();
    try (GptImageHubClient client = HubWire.client(server)) {
      assertThat(client.check(simple().referenceUrl(url).build()).deferred()).hasSize(2)
          .anySatisfy(d -> assertThat(d).startsWith("reference 1 is a URL: gptimagehub takes uploads, so it is downloaded"));
      client.images().generateSync(simple().referenceUrl(url).build());
    }
    assertModelsGet(server.takeRequest());
    RecordedRequest download = server.takeRequest();
    assertThat(download.getMethod()).isEqualTo("GET");
    assertThat(download.getUrl().encodedPath()).isEqualTo("/images/cat.png");
    assertThat(download.getHeaders().get("Authorization")).as("no key sent to a file host").isNull();
    List<HubWire.Part> parts = multipart(server.takeRequest());
    assertThat(parts).filteredOn(p -> "reference_image".equals(p.name())).singleElement()
        .satisfies(p -> {
          assertThat(p.bytes()).isEqualTo(image);
          assertThat(p.contentType()).isEqualTo("image/png");
        });
  }

  @Test
  void aReferenceUrlThatIsNotAnImageIsRefusedWithoutShowingTheUrlAndNothingIsGenerated() {
    server.enqueue(ok(models(16)));
    server.enqueue(new mockwebserver3.MockResponse.Builder().code(200).setHeader("Content-Type", "text/html")
        .body("<html>not an image</html>").build());
    String url = server.url("/images/cat.png?sig=secret123").toString();
    try (GptImageHubClient client = HubWire.client(server)) {
      assertThatThrownBy(() -> client.images().submit(simple().referenceUrl(url).build()))
          .isInstanceOf(ValidationException.class)
          .hasMessageStartingWith("gptimagehub: references: reference 1 (downloaded from http://")
          .hasMessageContaining("is not a recognised image; accepted: JPEG, PNG, WEBP")
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain("secret123").doesNotContain("cat.png"));
    }
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void aReferenceUrlThatCannotBeDownloadedIsRefused() {
    server.enqueue(ok(models(16)));
    server.enqueue(json(404, "{}"));
    String url = server.url("/images/gone.png").toString();
    try (GptImageHubClient client = HubWire.client(server)) {
      assertThatThrownBy(() -> client.images().submit(simple().referenceUrl(url).build()))
          .isInstanceOf(ValidationException.class)
          .hasMessageStartingWith("gptimagehub: references: reference 1 could not be downloaded from http://")
          .hasMessageContaining("HTTP 404");
    }
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  // ---- checks on the other fields ----

  @Test
  void nMustBeBetween1And4() {
    try (GptImageHubClient client = HubWire.client(server)) {
      assertThatThrownBy(() -> client.images().submit(simple().n(5).build()))
          .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("n"))
          .hasMessage("gptimagehub: n: must be between 1 and 4, was 5");
      assertThatThrownBy(() -> client.images().generateSync(simple().n(0).build()))
          .isInstanceOf(ValidationException.class).hasMessageContaining("n");
    }
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void neutralFieldsGptImageHubCannotExpressAreRefused() {
    try (GptImageHubClient client = HubWire.client(server)) {
      assertThatThrownBy(() -> client.images().submit(simple().aspectRatio(3, 2).build()))
          .isInstanceOf(ValidationException.class).hasMessageContaining("gptimagehub")
          .hasMessageContaining("aspectRatio").hasMessageContaining("size(width, height)");
      assertThatThrownBy(() -> client.images().submit(simple().aspectRatio(16, 9).resolution(Resolution.K2)
          .vendorOption(GptImageHubImageOptions.AUTO_SIZE).build()))
          .isInstanceOf(ValidationException.class).hasMessageContaining("size").hasMessageContaining("not both");
      assertThatThrownBy(() -> client.images().submit(simple().seed(0).build()))
          .isInstanceOf(ValidationException.class).hasMessageContaining("seed");
      assertThatThrownBy(() -> client.images().submit(simple().size(1024, 1024)
          .vendorOption(GptImageHubImageOptions.AUTO_SIZE).build()))
          .isInstanceOf(ValidationException.class).hasMessageContaining("size").hasMessageContaining("not both");
      VendorOption cheapsub = () -> "cheapsub";
      assertThatThrownBy(() -> client.images().submit(simple().vendorOption(cheapsub).build()))
          .isInstanceOf(ValidationException.class).hasMessageContaining("cheapsub option");
    }
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void anExtraFieldThatIsNoTextBesideReferencesIsRefusedByCheckAndClientAlike() throws Exception {
    ImageRequest request = simple().referenceFile(png("1.png", 1)).extraBody("style", java.util.Map.of("a", 1)).build();
    try (GptImageHubClient client = HubWire.client(server)) {
      String message = "gptimagehub: extraBody: 'style' cannot be a multipart form field: only text, numbers and"
          + " booleans can (references make the body multipart)";
      assertThat(client.check(request).messages()).containsExactly(message);
      server.enqueue(ok(models(16)));
      assertThatThrownBy(() -> client.images().submit(request)).isInstanceOf(ValidationException.class).hasMessage(message);
    }
    assertModelsGet(server.takeRequest());
    assertThat(server.getRequestCount()).as("only the model list").isEqualTo(1);
  }

  @Test
  void aRatioAndClassAreSentAsTheExactSizeTheyEqual() throws Exception {
    server.enqueue(ok(fixture("generation-response.json")));
    try (GptImageHubClient client = HubWire.client(server)) {
      client.images().generateSync(simple().aspectRatio(16, 9).resolution(Resolution.K2).build());
    }
    assertThat(HubWire.body(server.takeRequest())).containsEntry("size", "2048x1152");
  }

  @Test
  void autoSizeOffIsTheSameAsNoOption() throws Exception {
    server.enqueue(json(202, fixture("generation-async-response.json")));
    try (GptImageHubClient client = HubWire.client(server)) {
      client.images().submit(simple().size(512, 768).vendorOption(new GptImageHubImageOptions(false)).build());
    }
    RecordedRequest request = server.takeRequest();
    Map<String, Object> sent = HubWire.body(request);
    assertThat(sent).containsEntry("size", "512x768");
    assertThat(new GptImageHubImageOptions(false).vendor()).isEqualTo("gptimagehub");
  }
}
