package dev.aigw.testkit.conformance;

import dev.aigw.core.Capability;
import dev.aigw.core.cost.Cost;
import dev.aigw.core.image.ImageRequest;
import dev.aigw.core.media.ImageFormat;
import dev.aigw.core.media.MediaInput;
import dev.aigw.core.spi.Json;
import dev.aigw.core.video.VideoRequest;
import dev.aigw.testkit.FakeGateway;
import dev.aigw.testkit.FakeGptImage2;
import dev.aigw.testkit.FakeGptImageHub;
import dev.aigw.testkit.FakeICodeEasy;
import dev.aigw.testkit.Journal;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Everything that differs between vendors as far as {@link AiClientConformance} is concerned: what
 * the vendor offers, how to start its fake, requests it accepts and refuses, and what its errors,
 * faults and charges look like. The suite branches only on this data, never on a vendor's name.
 * Built with {@link #builder(String)}; {@link Builder#build()} checks that the data is complete
 * and consistent (chat data exactly when chat is offered, and so on).
 *
 * @param vendor the name {@link dev.aigw.core.AiClients} knows the vendor by
 * @param capabilities what the client must report in {@link dev.aigw.core.AiClient#capabilities()}
 * @param fake starts the vendor's fake, set up for the suite (a fixed chat reply, say)
 * @param keyPrefix what the vendor's keys start with
 * @param authStatus the HTTP status the fake answers an unknown key with
 * @param authMessage the fake's message for an unknown key
 * @param chatModel the model to chat with, or {@code null} when there is no chat
 * @param chatReply the reply the started fake gives, one word an event when streamed, or {@code
 *     null} when there is no chat
 * @param chatPath the path chat requests are POSTed to, or {@code null} when there is no chat
 * @param imageRequest an image request the vendor accepts
 * @param imageFormat the format of the images the fake makes for {@code imageRequest}
 * @param imagePath the path {@code imageRequest} is submitted on
 * @param imagePrice what the fake charges for {@code imageRequest}, with the unit the result's cost
 *     is in, or {@code null} when it charges nothing
 * @param resumeRefusedField {@code null} when image operations resume by id; otherwise the field
 *     the {@link dev.aigw.core.error.ValidationException} of a refused {@code resume} names
 * @param videoRequest a video request the vendor accepts, or {@code null} when there are no videos
 * @param listedModel a model id the catalogue lists, or {@code null} when there is no catalogue
 * @param refusedRequest an image request the client refuses before sending anything
 * @param refusedField the field the refusal names
 * @param fault the retryable fault to inject on the image submission
 * @param reference a reference image the vendor accepts with {@code imageRequest}, or {@code null}
 *     when there are no reference images
 */
public record VendorProfile(
    String vendor,
    Set<Capability> capabilities,
    Supplier<? extends FakeGateway> fake,
    String keyPrefix,
    int authStatus,
    String authMessage,
    String chatModel,
    String chatReply,
    String chatPath,
    ImageRequest imageRequest,
    ImageFormat imageFormat,
    String imagePath,
    Cost imagePrice,
    String resumeRefusedField,
    VideoRequest videoRequest,
    String listedModel,
    ImageRequest refusedRequest,
    String refusedField,
    Fault fault,
    Reference reference) {

  /**
   * Copies the capabilities.
   *
   * @param vendor the vendor name
   * @param capabilities what the client reports; copied
   * @param fake starts the fake
   * @param keyPrefix the key prefix
   * @param authStatus the status for an unknown key
   * @param authMessage the message for an unknown key
   * @param chatModel the chat model, or {@code null}
   * @param chatReply the chat reply, or {@code null}
   * @param chatPath the chat path, or {@code null}
   * @param imageRequest an accepted image request
   * @param imageFormat the format of its images
   * @param imagePath its submission path
   * @param imagePrice its price, or {@code null}
   * @param resumeRefusedField the field a refused {@code resume} names, or {@code null}
   * @param videoRequest an accepted video request, or {@code null}
   * @param listedModel a listed model id, or {@code null}
   * @param refusedRequest a request refused before sending
   * @param refusedField the field its refusal names
   * @param fault the retryable fault
   * @param reference an accepted reference image, or {@code null}
   */
  public VendorProfile {
    capabilities = Set.copyOf(capabilities);
  }

  /**
   * Whether the vendor offers {@code capability}.
   *
   * @param capability the capability
   * @return whether {@link #capabilities()} contains it
   */
  public boolean offers(Capability capability) {
    return capabilities.contains(capability);
  }

  /** {@return whether image operations can be picked up again from their id} */
  public boolean resumable() {
    return resumeRefusedField == null;
  }

  /** The vendor name, for test reports. */
  @Override
  public String toString() {
    return "VendorProfile[" + vendor + "]";
  }

  /**
   * A new builder for the vendor called {@code vendor}.
   *
   * @param vendor the name {@link dev.aigw.core.AiClients} knows it by
   * @return the builder
   */
  public static Builder builder(String vendor) {
    return new Builder(vendor);
  }

  /**
   * A retryable failure the fake injects into the image submission, and what the first attempt
   * is answered with.
   *
   * @param kind what the fault does
   * @param path the path it strikes (the first request to it)
   * @param status the status the first attempt gets
   */
  public record Fault(Kind kind, String path, int status) {

    /** What a fault does. */
    public enum Kind {
      /** 429 with {@code Retry-After: 0}, before the request is handled (nothing is charged). */
      RATE_LIMITED,
      /** An error status before the request is handled (nothing is charged). */
      ERROR_BEFORE_HANDLING,
      /** The request is handled and charged, then its answer is replaced by an error status. */
      ERROR_AFTER_HANDLING
    }

    /**
     * Checks the values.
     *
     * @param kind what the fault does; not null
     * @param path the path it strikes; not null
     * @param status an error status, 400 to 599
     * @throws IllegalArgumentException if {@code status} is not an error status
     */
    public Fault {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(path, "path");
      if (status < 400 || status > 599) {
        throw new IllegalArgumentException("an error status is needed, was " + status);
      }
    }

    /**
     * 429 with {@code Retry-After: 0} on the first request to {@code path}.
     *
     * @param path the path it strikes
     * @return the fault
     */
    public static Fault rateLimited(String path) {
      return new Fault(Kind.RATE_LIMITED, path, 429);
    }

    /**
     * {@code status} on the first request to {@code path}, before it is handled.
     *
     * @param path the path it strikes
     * @param status the error status
     * @return the fault
     */
    public static Fault errorBeforeHandling(String path, int status) {
      return new Fault(Kind.ERROR_BEFORE_HANDLING, path, status);
    }

    /**
     * The first request to {@code path} is handled (and charged), then answered with {@code status}.
     *
     * @param path the path it strikes
     * @param status the error status
     * @return the fault
     */
    public static Fault errorAfterHandling(String path, int status) {
      return new Fault(Kind.ERROR_AFTER_HANDLING, path, status);
    }

    /**
     * Arms the fault in {@code fake}.
     *
     * @param fake the vendor's fake
     */
    public void injectInto(FakeGateway fake) {
      switch (kind) {
        case RATE_LIMITED -> fake.faults().rateLimitNext(path, 0);
        case ERROR_BEFORE_HANDLING -> fake.faults().failNext(path, status);
        case ERROR_AFTER_HANDLING -> fake.faults().failNextAfterHandling(path, status);
      }
    }
  }

  /**
   * A reference image the vendor accepts, how the request carries it, and where the fake keeps
   * what it received.
   *
   * @param source how the request carries it
   * @param url the URL, for {@link Source#URL}; otherwise {@code null}
   * @param bytes the image, for {@link Source#FILE} and {@link Source#BYTES}; otherwise {@code
   *     null}
   * @param receivedIn where the fake keeps the references it received
   */
  public record Reference(Source source, String url, byte[] bytes, ReceivedIn receivedIn) {

    /** How a request carries the reference. */
    public enum Source {
      /** A remote URL ({@link MediaInput#url}), which the gateway fetches itself. */
      URL,
      /** A local file ({@link MediaInput#file}), written into the test's folder first. */
      FILE,
      /** Bytes in memory ({@link MediaInput#bytes(byte[], String)}). */
      BYTES
    }

    /** Where a fake keeps the reference images it received. */
    public enum ReceivedIn {
      /** The {@code images} URLs of the JSON bodies POSTed to the image path (the journal; CheapSub). */
      SUBMISSION_IMAGE_URLS,
      /** {@link FakeGptImageHub#uploads()}: the {@code reference_image} files of accepted generations. */
      MULTIPART_UPLOADS,
      /**
       * The {@code inputImageKeys} of the JSON bodies POSTed to the image path, each read back with
       * {@link FakeGptImage2#uploadedBytes(String)} (what was PUT to the storage host).
       */
      UPLOADS_NAMED_IN_SUBMISSION,
      /** {@link FakeICodeEasy#lastReferences()}: the references of the last valid generation. */
      LAST_REFERENCES;

      /**
       * The references {@code fake} received, in order.
       *
       * @param fake the vendor's fake (of the class this place belongs to)
       * @param imagePath the path image requests are POSTed to
       * @return what was received, in order
       * @throws IllegalStateException if {@code fake} is not of the class this place belongs to
       */
      public List<Received> read(FakeGateway fake, String imagePath) {
        List<Received> received = new ArrayList<>();
        switch (this) {
          case SUBMISSION_IMAGE_URLS -> submissionLists(fake, imagePath, "images")
              .forEach(url -> received.add(new Received(url, null)));
          case MULTIPART_UPLOADS -> fakeOf(FakeGptImageHub.class, fake).uploads()
              .forEach(u -> received.add(new Received(null, u.bytes())));
          case UPLOADS_NAMED_IN_SUBMISSION -> submissionLists(fake, imagePath, "inputImageKeys")
              .forEach(key -> received.add(new Received(null, fakeOf(FakeGptImage2.class, fake).uploadedBytes(key))));
          case LAST_REFERENCES -> fakeOf(FakeICodeEasy.class, fake).lastReferences()
              .forEach(r -> received.add(new Received(r.url(), r.bytes())));
        }
        return received;
      }

      /** {@code fake} as the fake this place belongs to. */
      private <F extends FakeGateway> F fakeOf(Class<F> type, FakeGateway fake) {
        if (!type.isInstance(fake)) {
          throw new IllegalStateException(this + " is read from a " + type.getSimpleName() + ", not from a "
              + fake.getClass().getSimpleName());
        }
        return type.cast(fake);
      }

      /** The strings of the list {@code field} of every JSON body POSTed to {@code path}. */
      private static List<String> submissionLists(FakeGateway fake, String path, String field) {
        List<String> values = new ArrayList<>();
        for (Journal.Entry e : fake.journal().requests("POST", path)) {
          if (Json.tryParseTree(e.body()) instanceof Map<?, ?> body && body.get(field) instanceof List<?> list) {
            list.forEach(v -> values.add(String.valueOf(v)));
          }
        }
        return values;
      }
    }

    /**
     * One reference image as a fake received it.
     *
     * @param url the URL it was given as, or {@code null} for uploaded or inline bytes
     * @param bytes the bytes received, or {@code null} for a URL
     */
    public record Received(String url, byte[] bytes) {}

    /**
     * Checks that the values fit the source, and copies the bytes.
     *
     * @param source how the request carries it; not null
     * @param url the URL, for {@link Source#URL} only
     * @param bytes the image, for the other sources only; copied
     * @param receivedIn where the fake keeps it; not null
     * @throws IllegalArgumentException if the URL or the bytes do not fit the source
     */
    public Reference {
      Objects.requireNonNull(source, "source");
      Objects.requireNonNull(receivedIn, "receivedIn");
      if ((source == Source.URL) != (url != null) || (source == Source.URL) == (bytes != null)) {
        throw new IllegalArgumentException("a " + source + " reference needs "
            + (source == Source.URL ? "a URL and no bytes" : "bytes and no URL"));
      }
      bytes = bytes == null ? null : bytes.clone();
    }

    /**
     * A remote URL the vendor fetches.
     *
     * @param url the image's URL
     * @param receivedIn where the fake keeps it
     * @return the reference
     */
    public static Reference url(String url, ReceivedIn receivedIn) {
      return new Reference(Source.URL, url, null, receivedIn);
    }

    /**
     * A local file holding {@code bytes}.
     *
     * @param bytes the image
     * @param receivedIn where the fake keeps it
     * @return the reference
     */
    public static Reference file(byte[] bytes, ReceivedIn receivedIn) {
      return new Reference(Source.FILE, null, bytes, receivedIn);
    }

    /**
     * {@code bytes} in memory.
     *
     * @param bytes the image
     * @param receivedIn where the fake keeps it
     * @return the reference
     */
    public static Reference bytes(byte[] bytes, ReceivedIn receivedIn) {
      return new Reference(Source.BYTES, null, bytes, receivedIn);
    }

    /** {@return the image, for a file or bytes (a copy); {@code null} for a URL} */
    @Override
    public byte[] bytes() {
      return bytes == null ? null : bytes.clone();
    }

    /**
     * The reference as a request carries it; a file is written into {@code dir} first.
     *
     * @param dir a folder for the file
     * @return the medium
     * @throws UncheckedIOException when the file cannot be written
     */
    public MediaInput toMediaInput(Path dir) {
      return switch (source) {
        case URL -> MediaInput.url(url);
        case BYTES -> MediaInput.bytes(bytes, "reference.png");
        case FILE -> {
          try {
            yield MediaInput.file(Files.write(dir.resolve("reference.png"), bytes));
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }
      };
    }

    /** The source and size, for test reports. */
    @Override
    public String toString() {
      return "Reference[" + source + (url != null ? " " + url : " " + bytes.length + " bytes") + " in " + receivedIn + "]";
    }
  }

  /** Builds a {@link VendorProfile}. */
  public static final class Builder {
    private final String vendor;
    private Set<Capability> capabilities = EnumSet.noneOf(Capability.class);
    private Supplier<? extends FakeGateway> fake;
    private String keyPrefix;
    private int authStatus = 401;
    private String authMessage;
    private String chatModel;
    private String chatReply;
    private String chatPath;
    private ImageRequest imageRequest;
    private ImageFormat imageFormat;
    private String imagePath;
    private Cost imagePrice;
    private String resumeRefusedField;
    private VideoRequest videoRequest;
    private String listedModel;
    private ImageRequest refusedRequest;
    private String refusedField;
    private Fault fault;
    private Reference reference;

    private Builder(String vendor) {
      this.vendor = vendor;
    }

    /**
     * What the client reports it offers.
     *
     * @param first one capability
     * @param rest the others
     * @return this builder
     */
    public Builder capabilities(Capability first, Capability... rest) {
      this.capabilities = EnumSet.of(first, rest);
      return this;
    }

    /**
     * Starts the fake, set up for the suite.
     *
     * @param fake starts a new fake for each test
     * @return this builder
     */
    public Builder fake(Supplier<? extends FakeGateway> fake) {
      this.fake = fake;
      return this;
    }

    /**
     * What the vendor's keys start with.
     *
     * @param keyPrefix the prefix, e.g. {@code csk_}
     * @return this builder
     */
    public Builder keyPrefix(String keyPrefix) {
      this.keyPrefix = keyPrefix;
      return this;
    }

    /**
     * How the fake answers an unknown key (401 unless said otherwise).
     *
     * @param status the HTTP status
     * @param message the fake's message
     * @return this builder
     */
    public Builder authError(int status, String message) {
      this.authStatus = status;
      this.authMessage = message;
      return this;
    }

    /**
     * The chat model, the reply the started fake gives, and the path chat is POSTed to.
     *
     * @param model the chat model
     * @param reply the started fake's reply
     * @param path the chat path
     * @return this builder
     */
    public Builder chat(String model, String reply, String path) {
      this.chatModel = model;
      this.chatReply = reply;
      this.chatPath = path;
      return this;
    }

    /**
     * An image request the vendor accepts, the path it is submitted on, and the format of what comes back.
     *
     * @param request an accepted request
     * @param path its submission path
     * @param format the format of its images
     * @return this builder
     */
    public Builder image(ImageRequest request, String path, ImageFormat format) {
      this.imageRequest = request;
      this.imagePath = path;
      this.imageFormat = format;
      return this;
    }

    /**
     * What the fake charges for the image request, in the unit of the result's cost (nothing, unless said).
     *
     * @param price the price of the image request
     * @return this builder
     */
    public Builder imagePrice(Cost price) {
      this.imagePrice = price;
      return this;
    }

    /**
     * Image operations cannot be resumed: {@code resume} is refused naming {@code field}.
     *
     * @param field the field the refusal names
     * @return this builder
     */
    public Builder resumeRefused(String field) {
      this.resumeRefusedField = field;
      return this;
    }

    /**
     * A video request the vendor accepts.
     *
     * @param request an accepted request
     * @return this builder
     */
    public Builder video(VideoRequest request) {
      this.videoRequest = request;
      return this;
    }

    /**
     * A model id the catalogue lists.
     *
     * @param id the model id
     * @return this builder
     */
    public Builder listedModel(String id) {
      this.listedModel = id;
      return this;
    }

    /**
     * An image request refused before sending, and the field the refusal names.
     *
     * @param request a request the client refuses
     * @param field the field the refusal names
     * @return this builder
     */
    public Builder refused(ImageRequest request, String field) {
      this.refusedRequest = request;
      this.refusedField = field;
      return this;
    }

    /**
     * The retryable fault to inject on the image submission.
     *
     * @param fault the fault
     * @return this builder
     */
    public Builder fault(Fault fault) {
      this.fault = fault;
      return this;
    }

    /**
     * A reference image the vendor accepts beside the image request.
     *
     * @param reference the reference image
     * @return this builder
     */
    public Builder reference(Reference reference) {
      this.reference = reference;
      return this;
    }

    /**
     * The profile.
     *
     * @return the profile
     * @throws IllegalStateException when data is missing, or present for something the vendor
     *     does not offer
     */
    public VendorProfile build() {
      require(vendor != null && !vendor.isBlank(), "a vendor name");
      require(!capabilities.isEmpty(), "at least one capability");
      require(fake != null, "how to start the fake");
      require(keyPrefix != null && !keyPrefix.isBlank(), "the key prefix");
      require(authStatus == 401 || authStatus == 403, "an auth status of 401 or 403");
      require(authMessage != null && !authMessage.isBlank(), "the fake's message for an unknown key");
      // every gateway here offers images: the suite's image, validation, auth and fault tests use them
      require(capabilities.contains(Capability.IMAGES), "IMAGES among the capabilities");
      require(imageRequest != null && imagePath != null && imageFormat != null, "an image request, its path and format");
      require(refusedRequest != null && refusedField != null, "a refused request and its field");
      require(fault != null, "a retryable fault");
      require(imagePrice == null || imagePrice.amount().signum() > 0, "a positive image price, or none");
      boolean chat = capabilities.contains(Capability.CHAT);
      consistent(chat, chatModel != null && chatReply != null && chatPath != null, Capability.CHAT,
          "a chat model, reply and path");
      // the suite has no declared refusal for a chat without streaming: every chat here streams
      consistent(chat, capabilities.contains(Capability.CHAT_STREAMING), Capability.CHAT, "CHAT_STREAMING");
      consistent(capabilities.contains(Capability.VIDEOS), videoRequest != null, Capability.VIDEOS, "a video request");
      consistent(capabilities.contains(Capability.MODELS), listedModel != null, Capability.MODELS, "a listed model");
      consistent(capabilities.contains(Capability.IMAGE_REFERENCES), reference != null, Capability.IMAGE_REFERENCES,
          "a reference image");
      require(chatReply == null || chatReply.split(" ").length > 1, "a chat reply of several words (it streams in pieces)");
      return new VendorProfile(vendor, capabilities, fake, keyPrefix, authStatus, authMessage, chatModel, chatReply,
          chatPath, imageRequest, imageFormat, imagePath, imagePrice, resumeRefusedField, videoRequest, listedModel,
          refusedRequest, refusedField, fault, reference);
    }

    private void require(boolean ok, String what) {
      if (!ok) {
        throw new IllegalStateException("profile " + vendor + " needs " + what);
      }
    }

    private void consistent(boolean offered, boolean given, Capability capability, String what) {
      if (offered != given) {
        throw new IllegalStateException("profile " + vendor + ": " + what + " must be given exactly when "
            + capability + " is offered (" + capability + (offered ? " is" : " is not") + " offered)");
      }
    }
  }
}
