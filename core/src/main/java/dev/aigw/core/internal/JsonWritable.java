package dev.aigw.core.internal;

import okio.Buffer;

/**
 * A JSON request body that writes itself straight into the bytes sent, without first being built
 * as maps and handed to Moshi. What it writes must be byte for byte what the shared {@link Json}
 * Moshi writes for {@link #toTree()}.
 */
public interface JsonWritable {

  /**
   * Writes the JSON into {@code sink}.
   *
   * @throws PlainJson.NotPlain when a value is one {@link PlainJson} cannot write exactly; the
   *     caller then serialises {@link #toTree()} with Moshi instead
   */
  void writeJson(Buffer sink);

  /** The same document as maps, lists and plain values, as Moshi would be given it. */
  Object toTree();
}
