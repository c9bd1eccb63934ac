package dev.aigw.testkit.conformance;

import dev.aigw.core.Capability;
import dev.aigw.core.image.ImageRequest;
import dev.aigw.core.media.ImageFormat;
import dev.aigw.core.video.VideoRequest;
import dev.aigw.testkit.FakeGateway;
import dev.aigw.testkit.Faults;
import java.math.BigDecimal;
import java.util.EnumSet;
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
 * @param chatReply the reply the started fake gives, or {@code null} when there is no chat
 * @param imageRequest an image request the vendor accepts
 * @param imageFormat the format of the images the fake makes for {@code imageRequest}
 * @param imagePath the path {@code imageRequest} is submitted on
 * @param imagePrice what the fake charges for {@code imageRequest}, or {@code null} when it charges
 *     nothing
 * @param resumeRefusedField {@code null} when image operations resume by id; otherwise the field
 *     the {@link dev.aigw.core.error.ValidationException} of a refused {@code resume} names
 * @param videoRequest a video request the vendor accepts, or {@code null} when there are no videos
 * @param listedModel a model id the catalogue lists, or {@code null} when there is no catalogue
 * @param refusedRequest an image request the client refuses before sending anything
 * @param refusedField the field the refusal names
 * @param fault the retryable fault to inject on the image submission
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
    ImageRequest imageRequest,
    ImageFormat imageFormat,
    String imagePath,
    BigDecimal imagePrice,
    String resumeRefusedField,
    VideoRequest videoRequest,
    String listedModel,
    ImageRequest refusedRequest,
    String refusedField,
    Fault fault) {

  /** Copies the capabilities. */
  public VendorProfile {
    capabilities = Set.copyOf(capabilities);
  }

  /** Whether the vendor offers {@code capability}. */
  public boolean offers(Capability capability) {
    return capabilities.contains(capability);
  }

  /** Whether image operations can be picked up again from their id. */
  public boolean resumable() {
    return resumeRefusedField == null;
  }

  /** The vendor name, for test reports. */
  @Override
  public String toString() {
    return "VendorProfile[" + vendor + "]";
  }

  /** A new builder for the vendor called {@code vendor}. */
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

    /** Checks the values. */
    public Fault {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(path, "path");
      if (status < 400 || status > 599) {
        throw new IllegalArgumentException("an error status is needed, was " + status);
      }
    }

    /** 429 with {@code Retry-After: 0} on the first request to {@code path}. */
    public static Fault rateLimited(String path) {
      return new Fault(Kind.RATE_LIMITED, path, 429);
    }

    /** {@code status} on the first request to {@code path}, before it is handled. */
    public static Fault errorBeforeHandling(String path, int status) {
      return new Fault(Kind.ERROR_BEFORE_HANDLING, path, status);
    }

    /** The first request to {@code path} is handled (and charged), then answered with {@code status}. */
    public static Fault errorAfterHandling(String path, int status) {
      return new Fault(Kind.ERROR_AFTER_HANDLING, path, status);
    }

    /** Arms the fault in {@code fake}. */
    public void injectInto(FakeGateway fake) {
      switch (kind) {
        case RATE_LIMITED -> fake.faults().add(
            new Faults.Fault(Faults.Kind.STATUS, Faults.Stage.BEFORE_HANDLING, 429, 0, null, 0, path));
        case ERROR_BEFORE_HANDLING -> fake.faults().failNext(path, status);
        case ERROR_AFTER_HANDLING -> fake.faults().failNextAfterHandling(path, status);
      }
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
    private ImageRequest imageRequest;
    private ImageFormat imageFormat;
    private String imagePath;
    private BigDecimal imagePrice;
    private String resumeRefusedField;
    private VideoRequest videoRequest;
    private String listedModel;
    private ImageRequest refusedRequest;
    private String refusedField;
    private Fault fault;

    private Builder(String vendor) {
      this.vendor = vendor;
    }

    /** What the client reports it offers. */
    public Builder capabilities(Capability first, Capability... rest) {
      this.capabilities = EnumSet.of(first, rest);
      return this;
    }

    /** Starts the fake, set up for the suite. */
    public Builder fake(Supplier<? extends FakeGateway> fake) {
      this.fake = fake;
      return this;
    }

    /** What the vendor's keys start with. */
    public Builder keyPrefix(String keyPrefix) {
      this.keyPrefix = keyPrefix;
      return this;
    }

    /** How the fake answers an unknown key (401 unless said otherwise). */
    public Builder authError(int status, String message) {
      this.authStatus = status;
      this.authMessage = message;
      return this;
    }

    /** The chat model, and the reply the started fake gives. */
    public Builder chat(String model, String reply) {
      this.chatModel = model;
      this.chatReply = reply;
      return this;
    }

    /** An image request the vendor accepts, the path it is submitted on, and the format of what comes back. */
    public Builder image(ImageRequest request, String path, ImageFormat format) {
      this.imageRequest = request;
      this.imagePath = path;
      this.imageFormat = format;
      return this;
    }

    /** What the fake charges for the image request (nothing, unless said). */
    public Builder imagePrice(BigDecimal price) {
      this.imagePrice = price;
      return this;
    }

    /** Image operations cannot be resumed: {@code resume} is refused naming {@code field}. */
    public Builder resumeRefused(String field) {
      this.resumeRefusedField = field;
      return this;
    }

    /** A video request the vendor accepts. */
    public Builder video(VideoRequest request) {
      this.videoRequest = request;
      return this;
    }

    /** A model id the catalogue lists. */
    public Builder listedModel(String id) {
      this.listedModel = id;
      return this;
    }

    /** An image request refused before sending, and the field the refusal names. */
    public Builder refused(ImageRequest request, String field) {
      this.refusedRequest = request;
      this.refusedField = field;
      return this;
    }

    /** The retryable fault to inject on the image submission. */
    public Builder fault(Fault fault) {
      this.fault = fault;
      return this;
    }

    /**
     * The profile.
     *
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
      require(imagePrice == null || imagePrice.signum() > 0, "a positive image price, or none");
      boolean chat = capabilities.contains(Capability.CHAT);
      consistent(chat, chatModel != null && chatReply != null, Capability.CHAT, "a chat model and reply");
      // the suite has no declared refusal for a chat without streaming: every chat here streams
      consistent(chat, capabilities.contains(Capability.CHAT_STREAMING), Capability.CHAT, "CHAT_STREAMING");
      consistent(capabilities.contains(Capability.VIDEOS), videoRequest != null, Capability.VIDEOS, "a video request");
      consistent(capabilities.contains(Capability.MODELS), listedModel != null, Capability.MODELS, "a listed model");
      require(chatReply == null || chatReply.split(" ").length > 1, "a chat reply of several words (it streams in pieces)");
      return new VendorProfile(vendor, capabilities, fake, keyPrefix, authStatus, authMessage, chatModel, chatReply,
          imageRequest, imageFormat, imagePath, imagePrice, resumeRefusedField, videoRequest, listedModel,
          refusedRequest, refusedField, fault);
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
