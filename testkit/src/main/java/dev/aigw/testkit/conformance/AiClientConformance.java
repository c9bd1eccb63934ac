package dev.aigw.testkit.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import dev.aigw.core.AiClient;
import dev.aigw.core.AiClients;
import dev.aigw.core.Capability;
import dev.aigw.core.ClientOptions;
import dev.aigw.core.chat.ChatChunk;
import dev.aigw.core.chat.ChatRequest;
import dev.aigw.core.chat.ChatResponse;
import dev.aigw.core.chat.ChatStream;
import dev.aigw.core.error.AigwException;
import dev.aigw.core.error.AuthenticationException;
import dev.aigw.core.error.RateLimitException;
import dev.aigw.core.error.StreamException;
import dev.aigw.core.error.UnsupportedCapabilityException;
import dev.aigw.core.error.ValidationException;
import dev.aigw.core.image.GeneratedImage;
import dev.aigw.core.image.ImageRequest;
import dev.aigw.core.image.ImageResult;
import dev.aigw.core.media.ImageFormat;
import dev.aigw.core.media.MediaInput;
import dev.aigw.core.model.ModelInfo;
import dev.aigw.core.operation.Operation;
import dev.aigw.core.operation.OperationStatus;
import dev.aigw.core.operation.PollingStrategy;
import dev.aigw.core.profile.CheckResult;
import dev.aigw.core.profile.GatewayProfile;
import dev.aigw.core.profile.ImageProfile;
import dev.aigw.core.video.VideoResult;
import dev.aigw.testkit.FakeGateway;
import dev.aigw.testkit.Journal;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The neutral API's conformance suite: the same tests for every provider, run against its fake.
 * Extend it in the provider's tests and return the vendor's profile from {@link #profile()}; each
 * test then runs for that vendor. Where the vendor does not offer something, the test asserts the
 * neutral API's refusal instead (nothing is skipped). Every test starts its own fake and client
 * through {@link AiClients#create} (so discovery is tested too) and closes them.
 */
@Timeout(60)
public abstract class AiClientConformance {
  /** How long an operation may take against a fake. */
  protected static final Duration WAIT = Duration.ofSeconds(15);
  /** How operations poll against a fake: quickly. */
  protected static final PollingStrategy FAST_POLLING = PollingStrategy.fixed(Duration.ofMillis(10), WAIT);
  /** Polls a fake's task needs before it ends (so that operations really poll). */
  protected static final int POLLS_TO_FINISH = 2;
  /** Events a cut stream sends before its connection breaks (fewer than the reply's words). */
  protected static final int EVENTS_BEFORE_CUT = 3;
  /** The {@code Retry-After} of the fake's rate-limit answers, in seconds. */
  protected static final int RETRY_AFTER_SECONDS = 1;

  /** A folder for saved media, emptied after each test. */
  @TempDir protected Path dir;

  /** The vendor's profile (read once per test). */
  protected VendorProfile profile;
  /** The vendor's fake, started for this test. */
  protected FakeGateway fake;
  /** A client of the fake with its valid key, built by {@link AiClients#create}. */
  protected AiClient client;

  private final List<AiClient> opened = new ArrayList<>();

  /** For the provider's test class that extends it. */
  public AiClientConformance() {}

  /** {@return the profile of the vendor under test, from {@link VendorProfiles}} */
  protected abstract VendorProfile profile();

  /** Starts the fake and a client of it. */
  @BeforeEach
  void startFakeAndClient() {
    profile = profile();
    fake = profile.fake().get();
    fake.tasks().pollsToFinish(POLLS_TO_FINISH);
    client = open(fake.apiKey());
  }

  /** Closes the clients and the fake. */
  @AfterEach
  void closeClientsAndFake() {
    opened.forEach(AiClient::close);
    if (fake != null) {
      fake.close();
    }
  }

  /**
   * The options of a client of the fake with {@code apiKey}.
   *
   * @param apiKey the key to use
   * @return options pointing at the fake, with fast polling
   */
  protected ClientOptions options(String apiKey) {
    return ClientOptions.builder().apiKey(apiKey).baseUrl(fake.baseUrl()).polling(FAST_POLLING).build();
  }

  /**
   * A new client of the fake with {@code apiKey}, closed after the test.
   *
   * @param apiKey the key to use
   * @return the client
   */
  protected AiClient open(String apiKey) {
    return open(options(apiKey));
  }

  /**
   * A new client with {@code options}, closed after the test.
   *
   * @param options the client's options
   * @return the client
   */
  protected AiClient open(ClientOptions options) {
    AiClient c = wrap(AiClients.create(profile.vendor(), options));
    opened.add(c);
    return c;
  }

  /**
   * The client the tests use, made from the vendor's own client: the client itself by default; a
   * subclass may wrap it (in a router of one gateway, say: {@link RoutedConformance}) to show that
   * the wrapper behaves as the client does.
   *
   * @param client the vendor's client
   * @return the client to test
   */
  protected AiClient wrap(AiClient client) {
    return client;
  }

  // ----- who the client is -----

  @Test
  void reportsItsVendorAndTheDeclaredCapabilities() {
    assertThat(AiClients.available()).containsKey(profile.vendor());
    assertThat(client.vendor()).isEqualTo(profile.vendor());
    assertThat(client.capabilities()).containsExactlyInAnyOrderElementsOf(profile.capabilities());
    for (Capability c : Capability.values()) {
      assertThat(client.supports(c)).as("supports(%s)", c).isEqualTo(profile.offers(c));
    }
  }

  @Test
  void handsOutTheServicesItOffersAndRefusesTheOthers() {
    checkService(Capability.CHAT, client::chat);
    checkService(Capability.IMAGES, client::images);
    checkService(Capability.VIDEOS, client::videos);
    checkService(Capability.MODELS, client::models);
    assertThat(fake.journal().requests()).as("requests sent").isEmpty();
  }

  private void checkService(Capability capability, Supplier<?> service) {
    if (profile.offers(capability)) {
      assertThat(service.get()).as("%s service", capability).isNotNull();
    } else {
      assertRefused(capability, service);
    }
  }

  /**
   * Asserts that {@code service} throws the neutral refusal of {@code capability}.
   *
   * @param capability the capability the vendor lacks
   * @param service asks the client for the service
   */
  protected void assertRefused(Capability capability, Supplier<?> service) {
    UnsupportedCapabilityException e = catchThrowableOfType(UnsupportedCapabilityException.class, service::get);
    assertThat(e).as("refusal of %s", capability).isNotNull();
    assertThat(e.capability()).isEqualTo(capability);
    assertThat(e.vendor()).isEqualTo(profile.vendor());
    assertThat(e.getMessage()).isEqualTo(profile.vendor() + " does not offer " + capability.description());
  }

  // ----- profile and check -----

  @Test
  void profileStatesTheVendorAndWhatItOffers() {
    GatewayProfile stated = client.profile();
    assertThat(stated.vendor()).isEqualTo(profile.vendor());
    assertThat(stated.capabilities()).containsExactlyInAnyOrderElementsOf(profile.capabilities());
    if (stated.images() != null) {
      ImageProfile images = stated.images();
      assertThat(images.models().ids()).as("image models").contains(images.models().defaultModel());
      if (profile.imageRequest().model() != null) {
        assertThat(images.models().offers(profile.imageRequest().model())).as("offers the suite's model").isTrue();
      }
      assertThat(images.references().supported()).as("takes references")
          .isEqualTo(profile.offers(Capability.IMAGE_REFERENCES));
      assertThat(profile.imageRequest().count()).isLessThanOrEqualTo(images.maxImages());
    }
    if (profile.offers(Capability.CHAT) && stated.chat() != null) {
      assertThat(stated.chat().models().offers(profile.chatModel())).as("offers the suite's chat model").isTrue();
    }
    if (stated.images() != null) {
      assertThat(stated.videos() != null).as("states videos").isEqualTo(profile.offers(Capability.VIDEOS));
      assertThat(stated.chat() != null).as("states chat").isEqualTo(profile.offers(Capability.CHAT));
    }
    assertThat(fake.journal().requests()).as("requests sent").isEmpty();
  }

  @Test
  void checkAcceptsTheRequestsTheClientAcceptsWithoutSendingAnything() {
    assertThat(client.check(profile.imageRequest()).refusals()).as("refusals of the image request").isEmpty();
    if (profile.offers(Capability.CHAT)) {
      assertThat(client.check(chatRequest()).refusals()).as("refusals of the chat request").isEmpty();
    } else {
      assertThat(client.check(chatRequest()).refusals()).singleElement()
          .satisfies(r -> assertThat(r.field()).isEqualTo("capability"));
    }
    if (profile.offers(Capability.VIDEOS)) {
      assertThat(client.check(profile.videoRequest()).refusals()).as("refusals of the video request").isEmpty();
    }
    assertThat(fake.journal().requests()).as("requests sent").isEmpty();
  }

  @Test
  void checkFindsTheRefusalTheClientThrowsWithoutSendingAnything() {
    CheckResult checked = client.check(profile.refusedRequest());
    ValidationException thrown = catchThrowableOfType(ValidationException.class,
        () -> client.images().submit(profile.refusedRequest()));

    assertThat(checked.accepted()).as("accepted").isFalse();
    assertThat(thrown).as("refusal").isNotNull();
    assertThat(checked.refusals().get(0).message()).isEqualTo(thrown.getMessage());
    assertThat(checked.refusals().get(0).field()).isEqualTo(profile.refusedField());
    assertThat(fake.journal().requests()).as("requests sent").isEmpty();
  }

  @Test
  void anImageRequestWithoutAModelIsServedByTheDefaultModel() {
    ImageRequest portable = profile.imageRequest().toBuilder().model(null).build();

    ImageResult result = client.images().submit(portable).waitForCompletion(WAIT);

    assertThat(result.images()).hasSize(portable.count());
  }

  @Test
  void aChatRequestWithoutAModelIsServedByTheDefaultModelOrChatIsRefused() {
    ChatRequest portable = chatRequest().toBuilder().model(null).build();
    if (!profile.offers(Capability.CHAT)) {
      assertRefused(Capability.CHAT, client::chat);
      return;
    }
    assertThat(client.chat().create(portable).text()).isEqualTo(profile.chatReply());
  }

  // ----- chat -----

  private ChatRequest chatRequest() {
    return ChatRequest.builder().model(profile.chatModel()).system("Answer in one sentence.")
        .user("What is the capital of South Korea?").build();
  }

  @Test
  void chatAnswersWithTheReply() {
    if (!profile.offers(Capability.CHAT)) {
      assertRefused(Capability.CHAT, client::chat);
      return;
    }
    ChatResponse response = client.chat().create(chatRequest());
    assertThat(response.text()).isEqualTo(profile.chatReply());
    assertThat(response.finishReason()).isEqualTo("stop");
  }

  @Test
  void chatStreamsTheReplyInSeveralPieces() {
    if (!profile.offers(Capability.CHAT_STREAMING)) {
      assertRefused(Capability.CHAT, client::chat);
      return;
    }
    List<String> pieces = new ArrayList<>();
    try (ChatStream stream = client.chat().stream(chatRequest())) {
      for (ChatChunk chunk : stream) {
        pieces.add(chunk.text());
      }
    }
    assertThat(pieces.stream().filter(p -> !p.isEmpty()).count()).as("pieces with text").isGreaterThan(1);
    assertThat(String.join("", pieces)).isEqualTo(profile.chatReply());
  }

  @Test
  void chatStreamCutMidwayGivesTheChunksSentThenAStreamExceptionAndIsNotRetried() {
    if (!profile.offers(Capability.CHAT_STREAMING)) {
      assertRefused(Capability.CHAT, client::chat);
      return;
    }
    String[] words = profile.chatReply().split(" ");
    assertThat(words.length).as("words of the reply").isGreaterThan(EVENTS_BEFORE_CUT);
    List<String> sent = new ArrayList<>();
    for (int i = 0; i < EVENTS_BEFORE_CUT; i++) {
      sent.add((i == 0 ? "" : " ") + words[i]);
    }
    fake.faults().cutNextStream(EVENTS_BEFORE_CUT);
    List<String> pieces = new ArrayList<>();

    try (ChatStream stream = client.chat().stream(chatRequest())) {
      StreamException e = catchThrowableOfType(StreamException.class,
          () -> stream.forEach(chunk -> pieces.add(chunk.text())));

      assertThat(e).as("stream failure").isNotNull();
      assertThat(e.vendor()).isEqualTo(profile.vendor());
      assertThat(e.getMessage()).startsWith("[" + profile.vendor() + "] the stream was cut after "
          + EVENTS_BEFORE_CUT + " events");
      assertThat(stream.isClosed()).as("closed after the cut").isTrue();
    }
    assertThat(pieces).as("chunks before the cut").containsExactlyElementsOf(sent);
    assertThat(fake.journal().requests()).as("requests (a started stream is not retried)")
        .extracting(Journal.Entry::method, Journal.Entry::path).containsExactly(tuple("POST", profile.chatPath()));
    assertThat(fake.faults().pending()).as("faults left").isZero();
  }

  // ----- images -----

  @Test
  void submittedImageIsWaitedForAndSavedAsARealImage() throws IOException {
    Operation<ImageResult> operation = client.images().submit(profile.imageRequest());
    assertThat(operation.id()).isNotBlank();
    assertThat(operation.vendor()).isEqualTo(profile.vendor());

    ImageResult result = operation.waitForCompletion(WAIT);

    assertThat(operation.status()).isEqualTo(OperationStatus.SUCCEEDED);
    assertThat(operation.isDone()).isTrue();
    assertThat(result.images()).hasSize(profile.imageRequest().count());
    GeneratedImage image = result.first();
    ImageFormat format = profile.imageFormat();
    Path saved = image.saveTo(dir.resolve("image." + format.extension()));
    byte[] head = Arrays.copyOf(Files.readAllBytes(saved), ImageFormat.MAGIC_LENGTH);
    assertThat(ImageFormat.detect(head, head.length)).as("format of the saved file").isEqualTo(format);
    BufferedImage decoded = ImageIO.read(saved.toFile());
    assertThat(decoded).as("decoded image").isNotNull();
    assertThat(decoded.getWidth()).isPositive();
    assertThat(decoded.getHeight()).isPositive();
    assertThat(image.mimeType()).as("mime type").isEqualTo(format.mimeType());
    if (profile.imagePrice() != null) {
      assertThat(result.cost()).as("cost").isNotNull();
      assertThat(result.cost().unit()).as("cost unit").isEqualTo(profile.imagePrice().unit());
      assertThat(result.cost().amount()).as("cost").isEqualByComparingTo(profile.imagePrice().amount());
    }
  }

  @Test
  void imageOperationResumesFromItsIdAloneOrIsRefusedAsDeclared() {
    Operation<ImageResult> operation = client.images().submit(profile.imageRequest());
    ImageResult finished = operation.waitForCompletion(WAIT);
    AiClient restarted = open(fake.apiKey());
    int requestsBefore = fake.journal().requests().size();

    if (!profile.resumable()) {
      ValidationException e = catchThrowableOfType(ValidationException.class,
          () -> restarted.images().resume(operation.id()));
      assertThat(e).as("refused resume").isNotNull();
      assertThat(e.vendor()).isEqualTo(profile.vendor());
      assertThat(e.field()).isEqualTo(profile.resumeRefusedField());
      assertThat(e.getMessage()).startsWith(profile.vendor() + ": " + profile.resumeRefusedField() + ": ");
      assertThat(fake.journal().requests()).as("requests sent").hasSize(requestsBefore);
      return;
    }
    Operation<ImageResult> resumed = restarted.images().resume(operation.id());
    assertThat(resumed.id()).isEqualTo(operation.id());
    assertThat(fake.journal().requests()).as("requests before the first poll").hasSize(requestsBefore);

    ImageResult again = resumed.waitForCompletion(WAIT);

    assertThat(resumed.status()).isEqualTo(OperationStatus.SUCCEEDED);
    assertThat(again.id()).isEqualTo(finished.id());
    assertThat(again.cost()).isEqualTo(finished.cost());
    assertThat(again.images()).hasSameSizeAs(finished.images());
    assertThat(again.first().bytes()).isEqualTo(finished.first().bytes());
  }

  @Test
  void referenceImageReachesTheGatewayOrIsRefusedBeforeSending() {
    if (!profile.offers(Capability.IMAGE_REFERENCES)) {
      ImageRequest withReference = profile.imageRequest().toBuilder()
          .reference(MediaInput.url("https://example.com/refs/cat.jpg")).build();
      ValidationException e = catchThrowableOfType(ValidationException.class,
          () -> client.images().submit(withReference));
      assertThat(e).as("refusal").isNotNull();
      assertThat(e.vendor()).isEqualTo(profile.vendor());
      assertThat(e.field()).isEqualTo("references");
      assertThat(e.getMessage()).startsWith(profile.vendor() + ": references: ");
      assertThat(fake.journal().requests()).as("requests sent").isEmpty();
      return;
    }
    VendorProfile.Reference reference = profile.reference();
    ImageRequest withReference = profile.imageRequest().toBuilder().reference(reference.toMediaInput(dir)).build();

    ImageResult result = client.images().submit(withReference).waitForCompletion(WAIT);

    assertThat(result.images()).hasSize(withReference.count());
    List<VendorProfile.Reference.Received> received = reference.receivedIn().read(fake, profile.imagePath());
    assertThat(received).as("references the fake received").singleElement().satisfies(r -> {
      assertThat(r.url()).as("URL").isEqualTo(reference.url());
      assertThat(r.bytes()).as("bytes").isEqualTo(reference.bytes());
    });
  }

  // ----- videos -----

  @Test
  void submittedVideoIsSavedAsAnMp4OrVideosAreRefused() throws IOException {
    if (!profile.offers(Capability.VIDEOS)) {
      assertRefused(Capability.VIDEOS, client::videos);
      return;
    }
    Operation<VideoResult> operation = client.videos().submit(profile.videoRequest());
    VideoResult result = operation.waitForCompletion(WAIT);

    assertThat(operation.status()).isEqualTo(OperationStatus.SUCCEEDED);
    Path saved = result.video().saveTo(dir.resolve("clip.mp4"));
    byte[] head = Arrays.copyOf(Files.readAllBytes(saved), 8);
    assertThat(new String(head, 4, 4, StandardCharsets.US_ASCII)).as("MP4 box type").isEqualTo("ftyp");
    assertThat(result.video().mimeType()).isEqualTo("video/mp4");
  }

  // ----- models -----

  @Test
  void listsModelsWithIdsOrRefusesTheCatalogue() {
    if (!profile.offers(Capability.MODELS)) {
      assertRefused(Capability.MODELS, client::models);
      return;
    }
    List<ModelInfo> models = client.models().list();
    assertThat(models).isNotEmpty();
    assertThat(models).allSatisfy(m -> assertThat(m.id()).isNotBlank());
    assertThat(models).extracting(ModelInfo::id).contains(profile.listedModel());
  }

  // ----- errors -----

  @Test
  void refusesAnInvalidRequestBeforeSendingAnything() {
    ValidationException e = catchThrowableOfType(ValidationException.class,
        () -> client.images().submit(profile.refusedRequest()));

    assertThat(e).as("refusal").isNotNull();
    assertThat(e.vendor()).isEqualTo(profile.vendor());
    assertThat(e.field()).isEqualTo(profile.refusedField());
    assertThat(e.getMessage()).startsWith(profile.vendor() + ": " + profile.refusedField() + ": ");
    assertThat(fake.journal().requests()).as("requests sent").isEmpty();
  }

  @Test
  void unknownKeyIsAnAuthenticationErrorThatNeverShowsTheKey() {
    assertThat(fake.apiKey()).as("the fake's own key").startsWith(profile.keyPrefix());
    String unknown = profile.keyPrefix() + "unknown" + UUID.randomUUID().toString().replace("-", "");
    AiClient stranger = open(unknown);

    AuthenticationException e = catchThrowableOfType(AuthenticationException.class,
        () -> stranger.images().submit(profile.imageRequest()));

    assertThat(e).as("authentication error").isNotNull();
    assertThat(e.vendor()).isEqualTo(profile.vendor());
    assertThat(e.status()).isEqualTo(profile.authStatus());
    assertThat(e.vendorMessage()).isEqualTo(profile.authMessage());
    assertThat(e.getMessage()).contains(profile.vendor()).contains(profile.authMessage());
    assertNoKey(e, unknown);
    List<Journal.Entry> sent = fake.journal().requests("POST", profile.imagePath());
    assertThat(sent).extracting(Journal.Entry::status).as("attempts (not retried)").containsExactly(profile.authStatus());
    assertThat(fake.journal().charges()).as("charges").isEmpty();
  }

  @Test
  void keyOfAnotherFormIsRefusedWhenTheClientIsBuilt() {
    String foreign = "zz_" + UUID.randomUUID().toString().replace("-", "");
    assertThat(foreign).doesNotStartWith(profile.keyPrefix());

    ValidationException e = catchThrowableOfType(ValidationException.class,
        () -> AiClients.create(profile.vendor(), options(foreign)).close());

    assertThat(e).as("refusal at build").isNotNull();
    assertThat(e.vendor()).isEqualTo(profile.vendor());
    assertThat(e.field()).isEqualTo("apiKey");
    assertThat(e.getMessage()).contains("'" + profile.keyPrefix() + "'");
    assertNoKey(e, foreign);
    assertThat(fake.journal().requests()).as("requests sent").isEmpty();
  }

  @Test
  void retryableFaultIsRetriedOnceAndChargedOnce() {
    VendorProfile.Fault fault = profile.fault();
    fault.injectInto(fake);

    Operation<ImageResult> operation = client.images().submit(profile.imageRequest());
    ImageResult result = operation.waitForCompletion(WAIT);

    assertThat(result.images()).isNotEmpty();
    List<Journal.Entry> attempts = fake.journal().requests("POST", fault.path());
    assertThat(attempts).as("attempts").hasSize(2);
    assertThat(attempts.get(0).status()).as("first attempt").isEqualTo(fault.status());
    assertThat(attempts.get(1).status()).as("second attempt").isBetween(200, 299);
    assertThat(fake.faults().pending()).as("faults left").isZero();
    if (profile.imagePrice() == null) {
      assertThat(fake.journal().charges()).as("charges").isEmpty();
    } else {
      assertThat(fake.journal().chargesOnly()).as("charges").hasSize(1);
      assertThat(fake.journal().netCharged()).as("net charged").isEqualByComparingTo(profile.imagePrice().amount());
    }
  }

  @Test
  void rateLimitBeyondTheRetriesIsARateLimitExceptionWithTheServersRetryAfter() {
    int maxRetries = 1;
    AiClient limited = open(options(fake.apiKey()).toBuilder().maxRetries(maxRetries).build());
    for (int i = 0; i <= maxRetries; i++) {
      fake.faults().rateLimitNext(profile.imagePath(), RETRY_AFTER_SECONDS);
    }

    RateLimitException e = catchThrowableOfType(RateLimitException.class,
        () -> limited.images().submit(profile.imageRequest()));

    assertThat(e).as("rate limit error").isNotNull();
    assertThat(e.vendor()).isEqualTo(profile.vendor());
    assertThat(e.status()).isEqualTo(429);
    assertThat(e.retryAfter()).as("retryAfter").isEqualTo(Optional.of(Duration.ofSeconds(RETRY_AFTER_SECONDS)));
    assertThat(e.getMessage()).contains(profile.vendor());
    List<Journal.Entry> attempts = fake.journal().requests("POST", profile.imagePath());
    assertThat(attempts).extracting(Journal.Entry::status).as("attempts").hasSize(maxRetries + 1).containsOnly(429);
    for (int i = 1; i < attempts.size(); i++) {
      assertThat(Duration.between(attempts.get(i - 1).at(), attempts.get(i).at())).as("wait before retry %s", i)
          .isGreaterThanOrEqualTo(Duration.ofSeconds(RETRY_AFTER_SECONDS).minusMillis(50));
    }
    assertThat(fake.journal().charges()).as("charges").isEmpty();
    assertThat(fake.faults().pending()).as("faults left").isZero();
  }

  // ----- discovery and secrets -----

  @Test
  void unknownProviderNameListsTheKnownOnes() {
    assertThatThrownBy(() -> AiClients.create("no-such-gateway", options(fake.apiKey())))
        .isExactlyInstanceOf(AigwException.class)
        .hasMessageContaining("no-such-gateway")
        .hasMessageContaining("known: ")
        .hasMessageContaining(profile.vendor());
  }

  @Test
  void clientNeverShowsItsKey() {
    String key = fake.apiKey();
    assertThat(client.toString()).doesNotContain(key).doesNotContain(key.substring(profile.keyPrefix().length()));
    assertThat(options(key).toString()).doesNotContain(key);
  }

  private static void assertNoKey(Throwable e, String key) {
    String secretPart = key.substring(key.indexOf('_') + 1);
    for (Throwable t = e; t != null; t = t.getCause()) {
      assertThat(String.valueOf(t.getMessage())).as("message").doesNotContain(secretPart);
      assertThat(t.toString()).as("toString").doesNotContain(secretPart);
    }
  }
}
