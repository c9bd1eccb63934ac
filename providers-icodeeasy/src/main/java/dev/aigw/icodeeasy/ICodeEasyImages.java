package dev.aigw.icodeeasy;

import dev.aigw.core.cost.Cost;
import dev.aigw.core.cost.PriceEstimate;
import dev.aigw.core.error.ValidationException;
import dev.aigw.core.http.RawResponse;
import dev.aigw.core.image.GeneratedImage;
import dev.aigw.core.image.ImageRequest;
import dev.aigw.core.image.ImageResult;
import dev.aigw.core.image.ImageService;
import dev.aigw.core.listener.CallInfo;
import dev.aigw.core.media.GeneratedMedia;
import dev.aigw.core.operation.Operation;
import dev.aigw.core.operation.OperationSnapshot;
import dev.aigw.core.operation.PollingStrategy;
import dev.aigw.core.profile.ImageProfile;
import dev.aigw.core.spi.Checks;
import dev.aigw.core.spi.Gateway;
import dev.aigw.core.spi.Listeners;
import dev.aigw.core.spi.OperationDriver;
import dev.aigw.core.spi.OperationFactory;
import dev.aigw.core.spi.Urls;
import dev.aigw.icodeeasy.internal.ICodeEasyAnswers;
import dev.aigw.icodeeasy.internal.ICodeEasyRequests;
import java.time.Duration;
import java.util.List;

/**
 * icodeeasy images: {@code gpt-image-2} on {@code POST /v1/images/generations} (without reference
 * images) or {@code /v1/images/edits} (with them) — the docs say both behave and bill the same.
 *
 * <ul>
 *   <li>{@link #submit} (the neutral call) uses the asynchronous mode: {@code ?async=1} answers
 *       202 with a task id at once, and the {@link Operation} polls {@code GET
 *       /v1/images/tasks/{task_id}}. The task's {@code cost} (CNY) comes back exactly in {@link
 *       ImageResult#cost()}.
 *   <li>{@link #generateSync} waits on one connection for the images (up to the client's sync
 *       timeout, {@link ICodeEasyClient#DEFAULT_SYNC_TIMEOUT} by default).
 * </ul>
 *
 * <p>Requests: {@code model} (default {@value #DEFAULT_MODEL}), {@code prompt}, {@code n}, {@code
 * size} from {@link ImageRequest#aspectRatio()} (one of {@link #ASPECT_RATIOS}) or {@link
 * ImageRequest#size()} (a pixel string such as {@code 1536x1024}), {@code resolution} 1k/2k and
 * {@code quality} low/medium/high/auto (billing only). Up to {@value #MAX_REFERENCES} reference
 * images: {@code https://} URLs and {@code data:image/…;base64,} URLs go in JSON {@code image_urls};
 * a file or bytes go as multipart {@code image[]} parts streamed from disk, or inline as data URLs —
 * see {@link ICodeEasyImageOptions.LocalReferences}. Everything is checked before sending.
 *
 * <p>Result URLs need no key — the whole URL is the credential. Downloads ({@link
 * GeneratedImage#saveTo}, {@link GeneratedImage#bytes()}) follow the 302 to the file host, send no
 * key, and never log a URL whole. Thread-safe.
 */
public final class ICodeEasyImages implements ImageService {
  private static final Checks CHECKS = Checks.of(ICodeEasyClient.VENDOR);
  /** The model used when a request names none (the only one the docs list). */
  public static final String DEFAULT_MODEL = ICodeEasyRequests.DEFAULT_MODEL;
  /** The most reference images a request takes. */
  public static final int MAX_REFERENCES = ICodeEasyRequests.MAX_REFERENCES;
  /** The aspect ratios icodeeasy accepts as {@code size}. */
  public static final List<String> ASPECT_RATIOS = ICodeEasyRequests.RATIOS;

  private final Gateway transport;
  private final ImageProfile profile;
  private final OperationFactory<ImageResult> operations;
  private final Duration syncTimeout;
  private final Raw raw = new Raw() {
    @Override
    public RawResponse<Operation<ImageResult>> submit(ImageRequest request) {
      return submitRaw(request);
    }

    @Override
    public RawResponse<ImageResult> generateSync(ImageRequest request) {
      return generateSyncRaw(request);
    }
  };

  ICodeEasyImages(Gateway transport, PollingStrategy polling, Duration syncTimeout, ImageProfile profile) {
    this.transport = transport;
    this.profile = profile;
    this.syncTimeout = syncTimeout;
    this.operations = new OperationFactory<>(transport, "task_id", OperationDriver.of(
        id -> ICodeEasyAnswers.fetch(transport, id),
        (String id, ICodeEasyAnswers.Read read) -> ICodeEasyAnswers.snapshot(ICodeEasyClient.VENDOR, id, read,
            transport.downloader())),
        polling);
  }

  /**
   * Generates synchronously: one request that returns when the images are ready (usually 30–60 s
   * per image; longer for 2K, references or several images).
   *
   * @param request what to generate
   * @return the images; {@link ImageResult#cost()} is {@code null}, since the synchronous answer
   *     does not say (listeners are told the published price of the images delivered)
   * @throws ValidationException on bad input, before anything is sent
   * @throws dev.aigw.core.error.ConnectionException when the sync timeout runs out (not retried: the
   *     images may have been made and charged)
   */
  public ImageResult generateSync(ImageRequest request) {
    return generateSyncRaw(request).body();
  }

  /** {@return how long {@link #generateSync} waits} */
  public Duration syncTimeout() {
    return syncTimeout;
  }

  /**
   * The same image asking the file host for a download ({@code ?download=1} on its URL): its {@link
   * GeneratedImage#url()} is a forced-download link, and saving it fetches that variant. Treat the
   * link as a secret.
   *
   * @param image an image of an icodeeasy result
   * @return a new image behind the forced-download link
   * @throws ValidationException when the image is not behind a URL
   */
  public GeneratedImage forceDownload(GeneratedImage image) {
    if (image.source() != GeneratedMedia.Source.URL) {
      throw CHECKS.invalid("image",
          "only an image behind a URL can be fetched with ?download=1; this one is " + image.source());
    }
    return new GeneratedImage(ICodeEasyClient.VENDOR, Urls.withQueryParameter(image.url(), "download", "1"),
        image.mimeType(), image.width(), image.height(), transport.downloader());
  }

  @Override
  public Operation<ImageResult> resume(String operationId) {
    return operations.resume(operationId);
  }

  @Override
  public Raw withRawResponse() {
    return raw;
  }

  private RawResponse<Operation<ImageResult>> submitRaw(ImageRequest request) {
    RawResponse<ICodeEasyAnswers.Read> response = transport.execute(
        ICodeEasyRequests.post(request, true, profile, CHECKS).build(), ICodeEasyAnswers.READER);
    ICodeEasyAnswers.Read read = response.body();
    ICodeEasyAnswers.Answer answer = read.answer();
    if (answer.taskId() == null && answer.data() != null) {
      // a server (or proxy) that ignored ?async=1 and answered with the images: the work is done
      ImageResult result = ICodeEasyAnswers.result(ICodeEasyClient.VENDOR, read, transport.downloader());
      String id = result.id() != null ? result.id() : "sync";
      return response.withBody(Operation.completed(ICodeEasyClient.VENDOR,
          OperationSnapshot.succeeded(id, answer.status(), result, read.raw()), transport.listeners()));
    }
    return response.withBody(operations.started("image", answer.taskId(), ICodeEasyAnswers.status(answer.status()),
        answer.status(), read.raw()));
  }

  private RawResponse<ImageResult> generateSyncRaw(ImageRequest request) {
    RawResponse<ICodeEasyAnswers.Read> response = transport.execute(
        ICodeEasyRequests.post(request, false, profile, CHECKS).timeout(syncTimeout).build(), ICodeEasyAnswers.READER);
    ImageResult result = ICodeEasyAnswers.result(ICodeEasyClient.VENDOR, response.body(), transport.downloader());
    Listeners listeners = transport.listeners();
    CallInfo call = listeners.takeLastPaidCall(ICodeEasyClient.VENDOR);
    if (call != null) {
      // the answer does not say what it cost: the published price of the images that came back
      Cost cost = result.cost() != null ? result.cost() : ICodeEasyRequests.delivered(request, result.images().size());
      listeners.costRecorded(ICodeEasyClient.VENDOR, cost, result.id(), call, result.cost() == null);
    }
    return response.withBody(result);
  }

  /**
   * What a generation will cost at icodeeasy's published prices: CNY 0.10, 0.20 or 0.40 per image
   * for quality low, medium (also auto, and the default) or high, times {@code n}. Nothing is sent.
   *
   * @param request the request
   * @return the price in CNY, or unknown for a quality icodeeasy does not list
   */
  public PriceEstimate estimate(ImageRequest request) {
    return ICodeEasyRequests.price(request);
  }

  /** Every pre-send check, recorded in {@code checks}. */
  void validate(ImageRequest request, Checks checks) {
    ICodeEasyRequests.post(request, true, profile, checks);
  }

  /** {@link ICodeEasyImages} calls that also return HTTP details. */
  public interface Raw extends ImageService.Raw {
    /**
     * {@link ICodeEasyImages#generateSync} with the answer's HTTP details.
     *
     * @param request what to generate
     * @return the images with the answer's HTTP details
     */
    RawResponse<ImageResult> generateSync(ImageRequest request);
  }
}
