package dev.aigw.core.model;

/** What a model produces. */
public enum Modality {
  /** Text (chat). */
  CHAT,
  /** Images. */
  IMAGE,
  /** Videos. */
  VIDEO,
  /** The gateway did not say. */
  UNKNOWN
}
