/**
 * Media in and out: {@link dev.aigw.core.media.MediaInput} for reference images (URL, data URL,
 * file, bytes) with type detection by magic bytes, {@link dev.aigw.core.media.DataUrl}, and {@link
 * dev.aigw.core.media.GeneratedMedia}, the base of generated images and videos, which saves to
 * disk without holding large files on the heap.
 */
package dev.aigw.core.media;
