/** Neutral video generation: {@link dev.aigw.core.video.VideoRequest}, results and the service. */
package dev.aigw.core.video;
