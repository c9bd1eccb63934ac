package dev.aigw.testkit;

import java.io.IOException;
import mockwebserver3.MockResponseBody;
import okio.BufferedSink;

/**
 * An MP4-shaped body of any length, generated while it is written: an {@code ftyp} box, then one
 * {@code mdat} box filling the rest with a repeating pattern. Only one small chunk is ever held in
 * memory, so a fake (or a benchmark's server) can serve a 50 MB video without the heap noticing.
 */
public final class Mp4Body implements MockResponseBody {
  /** The smallest length: the {@code ftyp} box and an {@code mdat} header. */
  public static final int MIN_LENGTH = 32 + 8;
  private static final int CHUNK = 64 * 1024;

  private final long length;

  /**
   * A body of exactly {@code length} bytes.
   *
   * @param length the whole body's length in bytes, at least {@link #MIN_LENGTH}
   * @throws IllegalArgumentException if {@code length} is below {@link #MIN_LENGTH} or above 4 GiB
   */
  public Mp4Body(long length) {
    if (length < MIN_LENGTH || length > 0xFFFF_FFFFL) {
      throw new IllegalArgumentException("an MP4 body is " + MIN_LENGTH + " bytes to 4 GiB long, was " + length);
    }
    this.length = length;
  }

  @Override
  public long getContentLength() {
    return length;
  }

  @Override
  public void writeTo(BufferedSink sink) throws IOException {
    // ftyp: size 32, major brand isom, minor version 0x200, compatible isom iso2 avc1 mp41
    sink.writeInt(32).writeUtf8("ftyp").writeUtf8("isom").writeInt(0x200)
        .writeUtf8("isomiso2avc1mp41");
    long rest = length - 32;
    sink.writeInt((int) rest).writeUtf8("mdat");
    rest -= 8;
    byte[] chunk = new byte[CHUNK];
    for (int i = 0; i < CHUNK; i++) {
      chunk[i] = (byte) (i * 31 + 7);
    }
    while (rest > 0) {
      int n = (int) Math.min(CHUNK, rest);
      sink.write(chunk, 0, n);
      sink.emit();
      rest -= n;
    }
    sink.flush();
  }
}
