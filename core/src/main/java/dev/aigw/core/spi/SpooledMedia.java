package dev.aigw.core.spi;

import java.nio.file.Path;

/**
 * The decoded payload of a large {@code data:} URL that the runtime wrote to a
 * temporary file instead of keeping it in the JSON text.
 *
 * @param file the temporary file (a {@link dev.aigw.core.media.SpoolFiles} file)
 * @param mimeType for an image, the type its first decoded bytes show ({@code image/png} …), when
 *     they show one; otherwise the type the data URL declared
 * @param size the decoded length in bytes
 */
public record SpooledMedia(Path file, String mimeType, long size) {}
