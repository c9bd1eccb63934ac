package dev.aigw.gptimage2;

/**
 * An input image stored by gptimage2.plus, ready for {@code inputImageKeys}.
 *
 * @param key the storage key to pass to a generation
 * @param contentType its content type
 * @param size its size in bytes
 */
public record UploadedImage(String key, String contentType, long size) {}
