package dev.aigw.core.media;

import java.util.Locale;

/** Image formats aigw recognises by their first bytes. */
public enum ImageFormat {
  /** PNG: {@code 89 50 4E 47 0D 0A 1A 0A}. */
  PNG("image/png", "png"),
  /** JPEG: {@code FF D8 FF}. */
  JPEG("image/jpeg", "jpg"),
  /** WebP: {@code RIFF....WEBP}. */
  WEBP("image/webp", "webp"),
  /** GIF: {@code GIF87a} or {@code GIF89a}. */
  GIF("image/gif", "gif");

  /** How many leading bytes {@link #detect} needs. */
  public static final int MAGIC_LENGTH = 12;

  private final String mimeType;
  private final String extension;

  ImageFormat(String mimeType, String extension) {
    this.mimeType = mimeType;
    this.extension = extension;
  }

  /** {@return the MIME type, e.g. {@code image/png}} */
  public String mimeType() {
    return mimeType;
  }

  /** {@return the usual file extension, without a dot} */
  public String extension() {
    return extension;
  }

  /**
   * The format whose signature starts {@code head}, or {@code null}.
   *
   * @param head the content's first bytes (12 are enough)
   * @param length how many of them are valid
   * @return PNG, JPEG, WebP or GIF, or {@code null}
   */
  public static ImageFormat detect(byte[] head, int length) {
    int n = Math.min(length, head.length);
    if (n >= 8 && (head[0] & 0xFF) == 0x89 && head[1] == 'P' && head[2] == 'N' && head[3] == 'G'
        && head[4] == 0x0D && head[5] == 0x0A && head[6] == 0x1A && head[7] == 0x0A) {
      return PNG;
    }
    if (n >= 3 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xD8 && (head[2] & 0xFF) == 0xFF) {
      return JPEG;
    }
    if (n >= 12 && head[0] == 'R' && head[1] == 'I' && head[2] == 'F' && head[3] == 'F'
        && head[8] == 'W' && head[9] == 'E' && head[10] == 'B' && head[11] == 'P') {
      return WEBP;
    }
    if (n >= 6 && head[0] == 'G' && head[1] == 'I' && head[2] == 'F' && head[3] == '8'
        && (head[4] == '7' || head[4] == '9') && head[5] == 'a') {
      return GIF;
    }
    return null;
  }

  /**
   * The format of MIME type {@code mimeType} ({@code image/jpg} counts as JPEG), or {@code null}.
   *
   * @param mimeType a MIME type in any case, parameters allowed, or {@code null}
   * @return the format, or {@code null}
   */
  public static ImageFormat fromMimeType(String mimeType) {
    if (mimeType == null) {
      return null;
    }
    String m = mimeType.toLowerCase(Locale.ROOT).split(";", 2)[0].strip();
    if (m.equals("image/jpg")) {
      return JPEG;
    }
    for (ImageFormat f : values()) {
      if (f.mimeType.equals(m)) {
        return f;
      }
    }
    return null;
  }
}
