package dev.aigw.core.spi;

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
   * @param sink where the JSON goes
   * @throws CannotWrite when a value is one the writer cannot write exactly as Moshi would; the
   *     runtime then serialises {@link #toTree()} with Moshi instead
   */
  void writeJson(Buffer sink);

  /**
   * The same document as maps, lists and plain values, as Moshi would be given it.
   *
   * @return the document as a tree
   */
  Object toTree();

  /** Thrown by {@link #writeJson} to hand the document to Moshi instead. */
  class CannotWrite extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * An exception without a stack trace (it is caught and handled, never shown).
     *
     * @param what the value that cannot be written exactly, for the message
     */
    public CannotWrite(String what) {
      super("not plain JSON: " + what, null, false, false);
    }
  }
}
