package dev.aigw.cloudgpt.internal;

import dev.aigw.core.error.AigwException;
import dev.aigw.core.error.ValidationException;
import dev.aigw.core.image.GeneratedImage;
import dev.aigw.core.media.ImageFormat;
import dev.aigw.core.media.SpoolFiles;
import dev.aigw.core.spi.ResponseReader.SpooledBody;
import dev.aigw.core.spi.ResponseReader;
import dev.aigw.core.video.GeneratedVideo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads CloudGPT's binary answers. The body is spooled to a temporary file by core (a JSON or text
 * answer where media was expected is already an error there); this decides what the file is.
 *
 * <p>Images: the {@code Content-Type} names the format and the first bytes confirm it. When the
 * two agree, or the header names nothing useful ({@code application/octet-stream}, absent), the
 * bytes decide. When the header names one image format and the bytes are plainly another, the
 * bytes win: they are what a viewer will decode, so {@code mimeType()} reports them (the header
 * stays readable through {@code withRawResponse()}), and the mismatch is logged at INFO. Bytes
 * that are no recognised image format are accepted only under an {@code image/*} type aigw cannot
 * check by its bytes (say {@code image/avif}); otherwise, a PNG or JPEG label included, they are a
 * clear error instead of a corrupt file.
 *
 * <p>Videos: bytes that open an ISO media file (an {@code ftyp}, {@code moov}, {@code mdat}, {@code
 * free}, {@code skip} or {@code wide} box) are an MP4 (or the {@code video/*} type the header
 * names); other bytes are accepted only under a {@code video/*} type other than MP4.
 */
public final class CloudGptMedia {
  private CloudGptMedia() {}

  private static final Logger LOG = LoggerFactory.getLogger(CloudGptMedia.class);
  private static final Set<String> ISO_BOXES = Set.of("ftyp", "moov", "mdat", "free", "skip", "wide");
  private static final int SNIPPET = 64;

  /** Reads an image answer. */
  public static ResponseReader<GeneratedImage> image(String vendor) {
    ResponseReader<SpooledBody> spool = ResponseReader.spool("image bytes");
    return answer -> image(vendor, spool.read(answer));
  }

  /** Reads a video answer. */
  public static ResponseReader<GeneratedVideo> video(String vendor) {
    ResponseReader<SpooledBody> spool = ResponseReader.spool("MP4 video bytes");
    return answer -> video(vendor, spool.read(answer));
  }

  /** The image in {@code body}, typed by its bytes and its header (see the class comment). */
  static GeneratedImage image(String vendor, SpooledBody body) throws IOException {
    byte[] head = body.head(ImageFormat.MAGIC_LENGTH);
    ImageFormat actual = ImageFormat.detect(head, head.length);
    String declared = baseType(body.contentType());
    ImageFormat labelled = ImageFormat.fromMimeType(declared);
    if (actual != null) {
      if (labelled != null && labelled != actual) {
        LOG.info("[{}] the image was labelled {} but its bytes are {}; it is reported as {}", vendor, declared,
            actual, actual.mimeType());
      }
      return GeneratedImage.fromTemporaryFile(vendor, body.file(), actual.mimeType());
    }
    if (declared != null && declared.startsWith("image/") && labelled == null) {
      return GeneratedImage.fromTemporaryFile(vendor, body.file(), declared);
    }
    throw refuse(vendor, body, "image bytes (PNG or JPEG)", "are no image format aigw recognises");
  }

  /** The video in {@code body}, typed by its bytes and its header (see the class comment). */
  static GeneratedVideo video(String vendor, SpooledBody body) throws IOException {
    byte[] head = body.head(8);
    String declared = baseType(body.contentType());
    boolean video = declared != null && declared.startsWith("video/");
    if (head.length == 8 && ISO_BOXES.contains(new String(head, 4, 4, StandardCharsets.ISO_8859_1))) {
      return GeneratedVideo.fromTemporaryFile(vendor, body.file(), video ? declared : "video/mp4");
    }
    if (video && !declared.equals("video/mp4")) {
      return GeneratedVideo.fromTemporaryFile(vendor, body.file(), declared);
    }
    throw refuse(vendor, body, "MP4 video bytes", "do not open an MP4 file");
  }

  private static AigwException refuse(String vendor, SpooledBody body, String expected, String problem)
      throws IOException {
    byte[] start = body.head(SNIPPET);
    SpoolFiles.delete(body.file());
    return new AigwException(vendor, "expected " + expected + " but the " + body.size() + " bytes answered as "
        + (body.contentType() == null ? "no content type" : body.contentType()) + " " + problem
        + "; they start " + printable(start), null);
  }

  /** Why {@code resume} has nothing to pick up: CloudGPT answers with the {@code what} in the same call. */
  public static ValidationException nothingToResume(String what) {
    String result = what.equals("image") ? "ImageResult" : "VideoResult";
    return new ValidationException("cloudgpt", "operationId", "CloudGPT answers with the " + what
        + " in the same call, so there is no operation to resume; keep the " + result);
  }

  /** The start of a body as text when it is ASCII text, else as hex. */
  static String printable(byte[] start) {
    boolean text = true;
    for (byte b : start) {
      if ((b < 0x20 || b == 0x7F) && b != '\n' && b != '\r' && b != '\t') { // b < 0: not ASCII
        text = false;
        break;
      }
    }
    if (text) {
      return "\"" + new String(start, StandardCharsets.US_ASCII).replaceAll("\\s+", " ") + "\"";
    }
    StringBuilder hex = new StringBuilder();
    for (int i = 0; i < Math.min(start.length, 16); i++) {
      hex.append(String.format(Locale.ROOT, "%02x", start[i] & 0xFF));
    }
    return "0x" + hex;
  }

  /** {@code image/png} of {@code Image/PNG; charset=…}, or {@code null}. */
  private static String baseType(String contentType) {
    return contentType == null ? null : contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
  }
}
