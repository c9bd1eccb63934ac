package dev.aigw.gptimage2;

import static dev.aigw.gptimage2.GptImage2TestWire.accepted;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.aigw.core.VendorOption;
import dev.aigw.core.error.ValidationException;
import dev.aigw.core.image.ImageRequest;
import dev.aigw.core.image.Quality;
import dev.aigw.core.image.Resolution;
import dev.aigw.core.media.MediaInput;
import dev.aigw.testkit.TestMedia;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every check of the issue and the doc's field tables happens before anything is sent: the server
 * sees no request at all, and the {@link ValidationException} names gptimage2, the field and what is
 * accepted.
 */
class GptImage2ChecksWireTest {
  @StartStop final MockWebServer server = new MockWebServer();

  static final byte[] PNG = TestMedia.png(8, 8, 1);

  private GptImage2Client client;

  @BeforeEach
  void open() {
    client = GptImage2TestWire.client(server);
  }

  @AfterEach
  void close() {
    client.close();
  }

  private static ImageRequest.Builder prompt() {
    return ImageRequest.builder().prompt("a lighthouse");
  }

  /** Submits, expecting a refusal of {@code field} before any I/O; returns the message. */
  private String refused(ImageRequest request, String field) {
    ValidationException e = catchThrowableOfType(ValidationException.class, () -> client.images().submit(request));
    assertThat(e).as("refused").isNotNull();
    assertThat(e.field()).isEqualTo(field);
    assertThat(e.vendor()).isEqualTo("gptimage2");
    assertThat(e.getMessage()).startsWith("gptimage2: " + field + ": ");
    assertThat(server.getRequestCount()).as("nothing sent").isZero();
    return e.getMessage();
  }

  @Test
  void aPromptOf4000CharactersIsSentAndOneMoreIsRefused() throws Exception {
    assertThat(refused(prompt().prompt("x".repeat(4001)).build(), "prompt"))
        .isEqualTo("gptimage2: prompt: accepts at most 4000 characters, was 4001");

    server.enqueue(accepted("gen_1"));
    client.images().submit(prompt().prompt("x".repeat(4000)).build());
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void aPromptIsRequired() {
    ValidationException e = catchThrowableOfType(ValidationException.class,
        () -> ImageRequest.builder().prompt("  ").build());
    assertThat(e.field()).isEqualTo("prompt");
    assertThat(catchThrowableOfType(ValidationException.class, () -> ImageRequest.builder().build()).field())
        .isEqualTo("prompt");
  }

  @Test
  void aSizeOtherThanTheThreeDocumentedIsRefused() {
    assertThat(refused(prompt().size(1024, 1792).build(), "size"))
        .isEqualTo("gptimage2: size: accepts 1024x1024, 1024x1536, 1536x1024; was 1024x1792"
            + " (or ask for the nearest with fit(Fit.NEAREST))");
    assertThat(refused(prompt().size(2048, 2048).build(), "size")).contains("was 2048x2048");
  }

  @Test
  void anAspectRatioOtherThanTheThreeSizesIsRefused() {
    assertThat(refused(prompt().aspectRatio(16, 9).build(), "aspectRatio"))
        .isEqualTo("gptimage2: aspectRatio: accepts 1:1, 2:3, 3:2 (the sizes 1024x1024, 1024x1536, 1536x1024); was 16:9"
            + " (or ask for the nearest with fit(Fit.NEAREST))");
  }

  @Test
  void aRatioOrClassWithAnEqualSizeIsSentAsItAndAnotherAsTheNearestWhenAskedFor() throws Exception {
    server.enqueue(accepted("gen_1"));
    server.enqueue(accepted("gen_2"));
    client.images().submit(prompt().resolution(Resolution.K1).build());
    client.images().submit(prompt().aspectRatio(16, 9).fit(dev.aigw.core.image.Fit.NEAREST).build());
    assertThat(GptImage2TestWire.bodyText(server.takeRequest())).contains("\"size\":\"1024x1024\"");
    assertThat(GptImage2TestWire.bodyText(server.takeRequest())).contains("\"size\":\"1536x1024\"");
  }

  @Test
  void anAspectRatioContradictingTheSizeIsRefused() {
    assertThat(refused(prompt().aspectRatio(3, 2).size(1024, 1536).build(), "aspectRatio"))
        .isEqualTo("gptimage2: aspectRatio: 3:2 contradicts the size 1024x1536; give one of them");
  }

  @Test
  void qualityAutoIsRefused() {
    assertThat(refused(prompt().quality(Quality.AUTO).build(), "quality"))
        .isEqualTo("gptimage2: quality: accepts LOW, MEDIUM, HIGH; was AUTO");
  }

  @Test
  void nAbove4IsRefusedAndBelow1NeverBuilds() {
    assertThat(refused(prompt().n(5).build(), "n")).isEqualTo("gptimage2: n: must be between 1 and 4, was 5");
    assertThat(catchThrowableOfType(ValidationException.class, () -> prompt().n(0).build()).field()).isEqualTo("n");
  }

  @Test
  void moreThanFourInputImagesAreRefusedCountingTheKeysGiven() {
    ImageRequest.Builder b = prompt().vendorOption(GptImage2Options.inputImageKeys(List.of("uploads/a", "uploads/b")));
    for (int i = 0; i < 3; i++) {
      b.reference(MediaInput.bytes(PNG));
    }
    assertThat(refused(b.build(), "references")).isEqualTo("gptimage2: references: accepts at most 4 input images, "
        + "references and inputImageKeys together; was given 5 (3 references, 2 inputImageKeys)");
    assertThat(refused(prompt().vendorOption(GptImage2Options.inputImageKeys(
        List.of("1", "2", "3", "4", "5"))).build(), "references")).contains("was given 5 (0 references, 5 inputImageKeys)");
  }

  @Test
  void fourInputImagesAreSent() throws Exception {
    server.enqueue(accepted("gen_1"));
    client.images().submit(prompt().vendorOption(GptImage2Options.inputImageKeys(List.of("1", "2", "3", "4"))).build());
    assertThat(GptImage2TestWire.bodyText(server.takeRequest())).contains("\"inputImageKeys\":[\"1\",\"2\",\"3\",\"4\"]");
  }

  @Test
  void aBlankInputImageKeyIsRefused() {
    assertThat(refused(prompt().vendorOption(GptImage2Options.inputImageKeys(List.of("uploads/a", " "))).build(),
        "inputImageKeys")).isEqualTo("gptimage2: inputImageKeys: is required (a non-blank value)");
  }

  @Test
  void aRemoteUrlReferenceIsDownloadedWhenSentSoCheckDefersIt() {
    assertThat(client.check(prompt().referenceUrl("https://example.com/cat.png").build()).deferred())
        .containsExactly("reference 1 is a URL: gptimage2 takes uploads, so it is downloaded when the request is sent"
            + " (no key sent), and its type (JPEG, PNG, WEBP) and size (at most 10485760 bytes) are checked then");
  }

  @Test
  void aReferenceOfAnotherFormatIsRefusedByItsBytes(@TempDir Path dir) throws Exception {
    Path gif = Files.write(dir.resolve("cat.png"), new byte[] {'G', 'I', 'F', '8', '9', 'a', 1, 0, 1, 0, 0, 0, 0});
    Path text = Files.writeString(dir.resolve("notes.png"), "not an image at all");

    assertThat(refused(prompt().referenceFile(gif).build(), "references"))
        .isEqualTo("gptimage2: references: file cat.png is GIF; accepted: JPEG, PNG, WEBP");
    assertThat(refused(prompt().referenceFile(text).build(), "references"))
        .isEqualTo("gptimage2: references: file notes.png is not a recognised image; accepted: JPEG, PNG, WEBP");
  }

  @Test
  void aReferenceOver10MbIsRefusedWithoutReadingIt(@TempDir Path dir) throws Exception {
    Path big = dir.resolve("big.png");
    Files.write(big, PNG);
    try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
      f.setLength(10L * 1024 * 1024 + 1);
    }
    assertThat(refused(prompt().referenceFile(big).build(), "references"))
        .isEqualTo("gptimage2: references: file big.png is 10485761 bytes; at most 10485760 bytes (10 MiB) are accepted");
  }

  @Test
  void aReferenceOfExactly10MbIsAccepted(@TempDir Path dir) throws Exception {
    Path edge = dir.resolve("edge.png");
    Files.write(edge, PNG);
    try (RandomAccessFile f = new RandomAccessFile(edge.toFile(), "rw")) {
      f.setLength(10L * 1024 * 1024);
    }
    assertThat(client.check(prompt().referenceFile(edge).build()).accepted()).isTrue();
  }

  @Test
  void aFileNameOver200CharactersIsRefused() {
    String name = "n".repeat(197) + ".png";
    assertThat(refused(prompt().reference(MediaInput.bytes(PNG, name)).build(), "filename"))
        .isEqualTo("gptimage2: filename: accepts at most 200 characters, was 201");
    assertThat(client.check(prompt().reference(MediaInput.bytes(PNG, "n".repeat(196) + ".png")).build()).accepted())
        .isTrue();
  }

  @Test
  void itsOneModelIsTakenByNameButNotSentAndAnotherIsRefused() throws Exception {
    assertThat(refused(prompt().model("dall-e-3").build(), "model"))
        .isEqualTo("gptimage2: model: gptimage2 offers these image models: gpt-image-2; was dall-e-3");
    server.enqueue(accepted("gen_1"));
    client.images().submit(prompt().model("gpt-image-2").build());
    assertThat(GptImage2TestWire.bodyText(server.takeRequest())).isEqualTo("{\"prompt\":\"a lighthouse\",\"type\":\"text2img\"}");
  }

  @Test
  void aResolutionWithoutAnEqualSizeOrASeedIsRefusedNotDropped() {
    assertThat(refused(prompt().resolution(Resolution.K2).build(), "resolution"))
        .isEqualTo("gptimage2: resolution: takes the sizes 1024x1024, 1024x1536, 1536x1024, none of which is 1:1 at 2k"
            + " (or ask for the nearest with fit(Fit.NEAREST))");
    assertThat(refused(prompt().seed(7).build(), "seed")).isEqualTo("gptimage2: seed: is not supported by gptimage2");
  }

  @Test
  void anotherVendorsOptionIsRefused() {
    VendorOption cheapsub = () -> "cheapsub";
    assertThat(refused(prompt().vendorOption(cheapsub).build(), "vendorOption"))
        .contains("is a cheapsub option; gptimage2 cannot honour it");
  }

  @Test
  void aBlankIdempotencyKeyIsRefused() {
    assertThat(refused(prompt().vendorOption(GptImage2Options.idempotencyKey(" ")).build(), "idempotencyKey"))
        .isEqualTo("gptimage2: idempotencyKey: is required (a non-blank value)");
  }

  @Test
  void aBadReferenceIsRefusedBeforeAGoodOneIsUploaded(@TempDir Path dir) throws Exception {
    Path gif = Files.write(dir.resolve("b.gif"), new byte[] {'G', 'I', 'F', '8', '7', 'a', 1, 0, 1, 0, 0, 0, 0});
    refused(prompt().reference(MediaInput.bytes(PNG)).referenceFile(gif).build(), "references");
  }

  @Test
  void optionsCopyTheirKeysAndAnEmptyOneIsNone() {
    List<String> keys = new java.util.ArrayList<>(List.of("a"));
    GptImage2Options options = GptImage2Options.inputImageKeys(keys);
    keys.add("b");
    assertThat(options.inputImageKeys()).containsExactly("a");
    assertThat(new GptImage2Options(null, null).inputImageKeys()).isEmpty();
    assertThat(options.vendor()).isEqualTo("gptimage2");
    assertThat(GptImage2Options.idempotencyKey("k").idempotencyKey()).isEqualTo("k");
  }
}
