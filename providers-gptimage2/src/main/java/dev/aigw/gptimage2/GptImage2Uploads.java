package dev.aigw.gptimage2;

import dev.aigw.core.error.AigwException;
import dev.aigw.core.error.ValidationException;
import dev.aigw.core.http.RetrySafety;
import dev.aigw.core.json.RawJson;
import dev.aigw.core.media.ImageFormat;
import dev.aigw.core.media.MediaInput;
import dev.aigw.core.spi.ApiRequest;
import dev.aigw.core.spi.Checks;
import dev.aigw.core.spi.Gateway;
import dev.aigw.core.spi.HttpMethod;
import dev.aigw.core.spi.ResponseReader;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The two-step upload of input images: {@code POST /api/v1/upload} with the file's name, content
 * type and size answers a presigned URL (valid 5 minutes) and a storage key; the bytes are then
 * PUT to that URL with their content type and no {@code Authorization} header. Files stream from
 * disk. Accepted: PNG, JPEG and WebP (checked by their first bytes), at most 10 MB, names of at
 * most 200 characters. Thread-safe.
 */
public final class GptImage2Uploads {
  private static final Checks CHECKS = Checks.of(GptImage2Client.VENDOR);
  static final String PATH = "/api/v1/upload";
  /** The largest upload, 10 MB. */
  public static final long MAX_BYTES = 10L * 1024 * 1024;
  /** The longest file name. */
  public static final int MAX_FILENAME = 200;
  /** The accepted formats. */
  public static final Set<ImageFormat> FORMATS = Set.of(ImageFormat.PNG, ImageFormat.JPEG, ImageFormat.WEBP);

  private final Gateway transport;

  GptImage2Uploads(Gateway transport) {
    this.transport = transport;
  }

  /**
   * Uploads a local image (a file, bytes, or a {@code data:} URL) and returns its key, to pass in
   * {@link GptImage2Options#inputImageKeys()}. {@link GptImage2Images#submit} does this itself for
   * the references of a request.
   *
   * @param image a local PNG, JPEG or WebP image
   * @return the storage key, content type and size
   * @throws ValidationException for a remote URL, another format, more than 10 MB or a name over
   *     200 characters — before anything is sent
   * @throws dev.aigw.core.error.ApiException when gptimage2.plus or the storage host refuses it
   */
  public UploadedImage upload(MediaInput image) {
    return upload(image, "image");
  }

  UploadedImage upload(MediaInput image, String field) {
    String vendor = GptImage2Client.VENDOR;
    if (image == null) {
      throw CHECKS.invalid(field, "is required (a file, bytes or a data URL)");
    }
    if (image.kind() == MediaInput.Kind.URL) {
      throw CHECKS.invalid(field,
          "gptimage2.plus takes input images as uploads; give a file, bytes or a data URL instead of a remote URL");
    }
    ImageFormat format = image.requireImage(vendor, field, FORMATS, MAX_BYTES);
    String filename = filename(image, format);
    CHECKS.maxLength("filename", filename, MAX_FILENAME);
    long size = image.size();

    Map<String, Object> body = new LinkedHashMap<>();
    body.put("filename", filename);
    body.put("contentType", format.mimeType());
    body.put("size", size);
    // asking for a presigned URL charges nothing and changes nothing: safe to repeat
    RawJson answer = transport.execute(ApiRequest.post(PATH, RetrySafety.IDEMPOTENT).json(body).build(),
        ResponseReader.rawJson()).body();
    String url = answer.getString("url");
    String key = answer.getString("key");
    if (url == null || key == null) {
      throw new AigwException(vendor, "[" + vendor + "] the upload answer has no url or key", null);
    }
    ApiRequest.Builder put;
    try {
      // the presigned URL is a credential: core never logs or quotes more than its scheme and host
      put = ApiRequest.external(HttpMethod.PUT, url, RetrySafety.IDEMPOTENT);
    } catch (IllegalArgumentException e) {
      throw new AigwException(vendor, "[" + vendor + "] the upload answer's url is not an absolute http(s) URL", null);
    }
    transport.execute(put.body(ApiRequest.BytesBody.of(image, format.mimeType())).build(), ResponseReader.discard());
    return new UploadedImage(key, format.mimeType(), size);
  }

  private static String filename(MediaInput image, ImageFormat format) {
    String name = image.filename();
    if (name == null || name.isBlank() || name.equals("image") || name.startsWith("image.bin")) {
      return "image." + format.extension();
    }
    return name;
  }
}
