package dev.aigw.core.spi;

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
