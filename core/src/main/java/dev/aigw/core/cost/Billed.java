package dev.aigw.core.cost;

/**
 * A result that says what the gateway charged for it ({@code ImageResult}, {@code VideoResult}
 * …). When an operation finishes with such a result, its cost reaches the client's listeners
 * ({@link dev.aigw.core.listener.AigwListener#onCost}).
 */
public interface Billed {

  /**
   * What the gateway charged.
   *
   * @return the cost as the gateway reported it, or {@code null} when it did not say
   */
  Cost cost();
}
