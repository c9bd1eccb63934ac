package dev.aigw.testkit.conformance;

import dev.aigw.core.Capability;
import dev.aigw.core.cost.Cost;
import dev.aigw.core.cost.CostUnit;
import dev.aigw.core.image.ImageRequest;
import dev.aigw.core.image.Quality;
import dev.aigw.core.image.Resolution;
import dev.aigw.core.media.ImageFormat;
import dev.aigw.core.video.VideoRequest;
import dev.aigw.testkit.FakeCheapSub;
import dev.aigw.testkit.FakeCloudGpt;
import dev.aigw.testkit.FakeGptImage2;
import dev.aigw.testkit.FakeGptImageHub;
import dev.aigw.testkit.FakeICodeEasy;
import dev.aigw.testkit.TestMedia;
import dev.aigw.testkit.conformance.VendorProfile.Fault;
import dev.aigw.testkit.conformance.VendorProfile.Reference;
import dev.aigw.testkit.conformance.VendorProfile.Reference.ReceivedIn;
import java.math.BigDecimal;
import java.util.List;

/**
 * The five vendors' {@link VendorProfile}s: every difference between them that the conformance
 * suite knows of is written here, and nowhere else.
 */
public final class VendorProfiles {
  /** The reply the fakes with chat are set to give (several words, so that it streams in pieces). */
  public static final String CHAT_REPLY = "Seoul is the capital of South Korea.";

  private static final String PROMPT = "A cute cat on a windowsill watching the rain";
  /** A small real PNG to give as a reference image. */
  private static final byte[] REFERENCE_PNG = TestMedia.png(24, 16, 3);

  private VendorProfiles() {}

  /** {@return all five, in the order of the README's table} */
  public static List<VendorProfile> all() {
    return List.of(cheapsub(), cloudgpt(), gptimagehub(), icodeeasy(), gptimage2());
  }

  /**
   * CheapSub: chat, images and videos as tasks polled by id, a model list; keys {@code csk_}, an
   * unknown key is a 403; an image is charged on submission, and a paid POST is retried only
   * after a 429; reference images are URLs only, sent in the body's {@code images}.
   *
   * @return the CheapSub profile
   */
  public static VendorProfile cheapsub() {
    return VendorProfile.builder("cheapsub")
        .capabilities(Capability.CHAT, Capability.CHAT_STREAMING, Capability.IMAGES, Capability.IMAGE_REFERENCES,
            Capability.VIDEOS, Capability.MODELS)
        .fake(() -> FakeCheapSub.start().chatReply(CHAT_REPLY))
        .keyPrefix("csk_")
        .authError(403, "Invalid API key")
        .chat("gemini-3-flash", CHAT_REPLY, "/api/v1/chat")
        .image(ImageRequest.builder().model("nano-banana-2").prompt(PROMPT).aspectRatio(16, 9)
            .resolution(Resolution.K2).build(), "/api/v1/image", ImageFormat.PNG)
        .imagePrice(new Cost(FakeCheapSub.IMAGE_PRICE, CostUnit.KRW))
        .video(VideoRequest.builder().model("sora-2").prompt(PROMPT).durationSeconds(10).build())
        .listedModel("nano-banana-2")
        .refused(ImageRequest.builder().model("nano-banana-2").prompt(PROMPT).n(2).build(), "n")
        .fault(Fault.rateLimited("/api/v1/image"))
        .reference(Reference.url("https://example.com/refs/cat.jpg", ReceivedIn.SUBMISSION_IMAGE_URLS))
        .build();
  }

  /**
   * CloudGPT: chat, images and videos answered in the same call (so nothing to resume: {@code
   * resume} is refused), three model catalogues; keys {@code cgpt_}; images as JPEG here (the fake
   * makes either); the fake charges nothing; a paid POST is retried only after a 429; an aspect
   * ratio without an exact pixel size at 1k (3:2) is refused.
   *
   * @return the CloudGPT profile
   */
  public static VendorProfile cloudgpt() {
    return cloudgpt(FakeCloudGpt.Mode.DOCUMENTED);
  }

  /**
   * CloudGPT as {@link #cloudgpt()} describes it, against its fake in {@code mode}: the documented
   * server, or the server as really deployed (the neutral API sees no difference).
   *
   * @param mode which CloudGPT the fake plays
   * @return the profile
   */
  public static VendorProfile cloudgpt(FakeCloudGpt.Mode mode) {
    return VendorProfile.builder("cloudgpt")
        .capabilities(Capability.CHAT, Capability.CHAT_STREAMING, Capability.IMAGES, Capability.VIDEOS,
            Capability.MODELS)
        .fake(() -> FakeCloudGpt.start(mode).chatReply(CHAT_REPLY).imagesAs("image/jpeg"))
        .keyPrefix("cgpt_")
        .authError(401, "Invalid API key")
        .chat("openai", CHAT_REPLY, "/api/chat")
        .image(ImageRequest.builder().model("flux").prompt(PROMPT).size(64, 48).seed(7).build(), "/api/image",
            ImageFormat.JPEG)
        .resumeRefused("operationId")
        .video(VideoRequest.builder().model("veo").prompt(PROMPT).durationSeconds(4).build())
        .listedModel("flux")
        .refused(ImageRequest.builder().model("flux").prompt(PROMPT).aspectRatio(3, 2).build(), "aspectRatio")
        .fault(Fault.rateLimited("/api/image"))
        .build();
  }

  /**
   * GPTImageHub: images only (queued asynchronously and polled), a public model list; keys {@code
   * gih_live_}; charged on submission, refunded on failure, so a generation is retried after an
   * explicit 5xx; a reference file is uploaded as a multipart {@code reference_image} part.
   *
   * @return the GPTImageHub profile
   */
  public static VendorProfile gptimagehub() {
    return VendorProfile.builder("gptimagehub")
        .capabilities(Capability.IMAGES, Capability.IMAGE_REFERENCES, Capability.MODELS)
        .fake(FakeGptImageHub::start)
        .keyPrefix("gih_live_")
        .authError(401, "Invalid API key")
        .image(ImageRequest.builder().model("gpt-image-2").prompt(PROMPT).size(1024, 1024).quality(Quality.LOW)
            .build(), "/api/v1/images/generations", ImageFormat.PNG)
        .imagePrice(new Cost(FakeGptImageHub.GPT_IMAGE_2_PRICE, CostUnit.CREDITS))
        .listedModel("gpt-image-2")
        .refused(ImageRequest.builder().prompt(PROMPT).n(5).build(), "n")
        .fault(Fault.errorBeforeHandling("/api/v1/images/generations", 503))
        .reference(Reference.file(REFERENCE_PNG, ReceivedIn.MULTIPART_UPLOADS))
        .build();
  }

  /**
   * icodeeasy: images only ({@code ?async=1} tasks polled by id), no model list; keys {@code
   * sk_}; charged when the images are made, never for a failed request, so a generation is
   * retried after an explicit 5xx; a reference file goes as a multipart {@code image[]} part.
   *
   * @return the icodeeasy profile
   */
  public static VendorProfile icodeeasy() {
    return VendorProfile.builder("icodeeasy")
        .capabilities(Capability.IMAGES, Capability.IMAGE_REFERENCES)
        .fake(FakeICodeEasy::start)
        .keyPrefix("sk_")
        .authError(401, "Invalid API key")
        .image(ImageRequest.builder().prompt(PROMPT).aspectRatio(3, 2).resolution(Resolution.K1)
            .quality(Quality.LOW).build(), "/v1/images/generations", ImageFormat.PNG)
        .imagePrice(new Cost(FakeICodeEasy.LOW_PRICE, CostUnit.CNY))
        .refused(ImageRequest.builder().prompt(PROMPT).resolution(Resolution.K4).build(), "resolution")
        .fault(Fault.errorBeforeHandling("/v1/images/generations", 503))
        .reference(Reference.file(REFERENCE_PNG, ReceivedIn.LAST_REFERENCES))
        .build();
  }

  /**
   * gptimage2.plus: images only (generations polled by id), a single model (taken by name, never
   * sent; another is refused) and no model list;
   * keys {@code gimg_}; charged on submission, and the server deduplicates by {@code
   * Idempotency-Key}, so even a submission that was handled and charged before its answer was lost
   * is retried — and charged once; reference bytes are uploaded to the storage host first and
   * named in the submission by their keys.
   *
   * @return the gptimage2.plus profile
   */
  public static VendorProfile gptimage2() {
    return VendorProfile.builder("gptimage2")
        .capabilities(Capability.IMAGES, Capability.IMAGE_REFERENCES)
        .fake(FakeGptImage2::start)
        .keyPrefix("gimg_")
        .authError(401, "Invalid API key")
        .image(ImageRequest.builder().prompt(PROMPT).size(1024, 1024).quality(Quality.LOW).build(),
            "/api/v1/generate", ImageFormat.PNG)
        .imagePrice(new Cost(BigDecimal.ONE, CostUnit.CREDITS))
        .refused(ImageRequest.builder().model("dall-e-3").prompt(PROMPT).build(), "model")
        .fault(Fault.errorAfterHandling("/api/v1/generate", 503))
        .reference(Reference.bytes(REFERENCE_PNG, ReceivedIn.UPLOADS_NAMED_IN_SUBMISSION))
        .build();
  }
}
