/** Neutral image generation: {@link dev.aigw.core.image.ImageRequest}, results and the service. */
package dev.aigw.core.image;
