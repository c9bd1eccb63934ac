package dev.aigw.core.internal;

/** The HTTP methods the gateways use. */
public enum HttpMethod {
  /** GET. */
  GET,
  /** POST. */
  POST,
  /** PUT. */
  PUT,
  /** DELETE. */
  DELETE
}
