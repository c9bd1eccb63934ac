package dev.aigw.core;

/** What a gateway offers through the neutral API. */
public enum Capability {
  /** {@link AiClient#chat()}: chat completions. */
  CHAT("chat completions"),
  /** {@link dev.aigw.core.chat.ChatService#stream}: streamed chat completions. */
  CHAT_STREAMING("streamed chat completions"),
  /** {@link AiClient#images()}: image generation. */
  IMAGES("image generation"),
  /** Reference images (image-to-image, edits) in {@link dev.aigw.core.image.ImageRequest}. */
  IMAGE_REFERENCES("reference images"),
  /** {@link AiClient#videos()}: video generation. */
  VIDEOS("video generation"),
  /** {@link AiClient#models()}: model catalogue. */
  MODELS("a model catalogue");

  private final String description;

  Capability(String description) {
    this.description = description;
  }

  /** {@return a short human description, used in error messages} */
  public String description() {
    return description;
  }
}
