package dev.aigw.cloudgpt.internal;

import dev.aigw.core.error.AigwException;
import dev.aigw.core.error.ApiException;
import dev.aigw.core.error.ErrorDetails;
import dev.aigw.core.error.ValidationException;
import dev.aigw.core.image.GeneratedImage;
import dev.aigw.core.media.ImageFormat;
import dev.aigw.core.media.SpoolFiles;
import dev.aigw.core.spi.ErrorMapping;
import dev.aigw.core.spi.HttpAnswer;
import dev.aigw.core.spi.Json;
import dev.aigw.core.spi.ResponseReader.SpooledBody;
import dev.aigw.core.spi.ResponseReader;
import dev.aigw.core.video.GeneratedVideo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import okio.BufferedSource;
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
 *
 * <p>An error in a 200: the deployed server answers an upstream refusal with status 200 and a JSON
 * body {@code {"error":"…"}} (or {@code {"error":{"message", "type", "code"}}}). Such an answer is
 * an {@link ApiException} of the kind its words say ({@link #kindOfWords}), carrying status 200,
 * the code and type when given, and the server's message as sent. JSON without an {@code error} is
 * the clear "expected image bytes" {@link AigwException} it always was.
 */
public final class CloudGptMedia {
  private CloudGptMedia() {}

  private static final Logger LOG = LoggerFactory.getLogger(CloudGptMedia.class);
  private static final Set<String> ISO_BOXES = Set.of("ftyp", "moov", "mdat", "free", "skip", "wide");
  private static final int SNIPPET = 64;

  /** The most of a JSON answer read to look for an error in it. */
  private static final int ERROR_BODY_LIMIT = 64 * 1024;

  private static final Pattern CONTENT_POLICY_WORDS = Pattern.compile(
      "content[ _-]?(polic|filter|moderat)|safety|moderation|nsfw|inappropriate|prohibited|violat|flagged|blocked|"
          + "censor|not allowed");
  private static final Pattern RATE_LIMIT_WORDS = Pattern.compile("rate[ _-]?limit|too many requests|quota");
  private static final Pattern TIMEOUT_WORDS = Pattern.compile("timed?[ _-]?out|timeout");
  private static final Pattern BAD_REQUEST_WORDS = Pattern.compile(
      "invalid|required|must be|unknown model|not supported|unsupported|missing");

  /**
   * Reads an image answer.
   *
   * @param vendor the vendor name
   * @param mapping the vendor's error table, for the code of an error in a 200
   * @return the reader
   */
  public static ResponseReader<GeneratedImage> image(String vendor, ErrorMapping mapping) {
    ResponseReader<SpooledBody> spool = ResponseReader.spool("image bytes");
    return answer -> {
      throwErrorIn(vendor, mapping, answer);
      return image(vendor, spool.read(answer));
    };
  }

  /**
   * Reads a video answer.
   *
   * @param vendor the vendor name
   * @param mapping the vendor's error table, for the code of an error in a 200
   * @return the reader
   */
  public static ResponseReader<GeneratedVideo> video(String vendor, ErrorMapping mapping) {
    ResponseReader<SpooledBody> spool = ResponseReader.spool("MP4 video bytes");
    return answer -> {
      throwErrorIn(vendor, mapping, answer);
      return video(vendor, spool.read(answer));
    };
  }

  /**
   * The kind of failure an error's words describe, for errors that come with no status to go by
   * (a 200 carrying {@code {"error":"…"}}): content-policy words (content policy or filter,
   * safety, moderation, NSFW, inappropriate, prohibited, violation, flagged, blocked, censored, not
   * allowed) → {@code CONTENT_POLICY}; rate limit, too many requests, quota → {@code RATE_LIMIT};
   * timeout, timed out → {@code UPSTREAM_TIMEOUT}; invalid, required, must be, unknown model, (not
   * / un)supported, missing → {@code BAD_REQUEST}; anything else → {@code SERVER} (the upstream
   * provider failed). Checked in that order, case-insensitively.
   *
   * @param words the server's message, code and type
   * @return the kind
   */
  public static ErrorMapping.Kind kindOfWords(String words) {
    String w = words == null ? "" : words.toLowerCase(Locale.ROOT);
    if (CONTENT_POLICY_WORDS.matcher(w).find()) {
      return ErrorMapping.Kind.CONTENT_POLICY;
    }
    if (RATE_LIMIT_WORDS.matcher(w).find()) {
      return ErrorMapping.Kind.RATE_LIMIT;
    }
    if (TIMEOUT_WORDS.matcher(w).find()) {
      return ErrorMapping.Kind.UPSTREAM_TIMEOUT;
    }
    if (BAD_REQUEST_WORDS.matcher(w).find()) {
      return ErrorMapping.Kind.BAD_REQUEST;
    }
    return ErrorMapping.Kind.SERVER;
  }

  /**
   * Throws the {@link ApiException} a JSON answer with an {@code error} stands for; returns when the
   * answer is not JSON or has no {@code error} (the body is only peeked at, not consumed).
   */
  private static void throwErrorIn(String vendor, ErrorMapping mapping, HttpAnswer answer) throws IOException {
    String type = answer.contentType() == null ? "" : answer.contentType().type();
    if (!answer.isJson() && !type.equals("text")) {
      return;
    }
    BufferedSource peek = answer.source().peek();
    peek.request(ERROR_BODY_LIMIT);
    String text = peek.getBuffer().readUtf8(Math.min(peek.getBuffer().size(), ERROR_BODY_LIMIT));
    ApiException error = errorIn(vendor, mapping, answer.status(), answer.headers().get("x-request-id"), text);
    if (error != null) {
      throw error;
    }
  }

  /** The exception for a successful answer whose JSON body is an error, or {@code null}. */
  static ApiException errorIn(String vendor, ErrorMapping mapping, int status, String requestId, String text) {
    if (!(Json.tryParseTree(text) instanceof Map<?, ?> body) || body.get("error") == null) {
      return null;
    }
    Object error = body.get("error");
    String code = null;
    String errorType = null;
    String message;
    if (error instanceof Map<?, ?> m) {
      code = m.get("code") instanceof String c ? c : null;
      errorType = m.get("type") instanceof String t ? t : null;
      message = m.get("message") instanceof String s ? s : null;
    } else {
      message = error instanceof String s ? s : String.valueOf(error);
    }
    if (body.get("details") instanceof String details && !details.isBlank()) {
      // as an error status with the same body reads: "message (details)"
      message = message == null ? details : message + " (" + details + ")";
    }
    // a code the vendor's table knows decides (its status rules cannot: this answer's status is 2xx);
    // else the words do
    ErrorMapping.Kind kind = mapping.kindOf(0, code, errorType);
    if (kind == ErrorMapping.Kind.OTHER) {
      kind = kindOfWords(String.join(" ", String.valueOf(message), String.valueOf(code), String.valueOf(errorType)));
    }
    ErrorDetails details = new ErrorDetails(vendor, status, code, errorType, message, requestId, null, null,
        text.length() > 4096 ? text.substring(0, 4096) : text);
    return ErrorMapping.builder().status(status, kind).build().toException(details);
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
