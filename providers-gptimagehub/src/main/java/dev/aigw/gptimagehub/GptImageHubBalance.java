package dev.aigw.gptimagehub;

import dev.aigw.core.json.RawJson;
import java.math.BigDecimal;

/**
 * A GPTImageHub credit balance: what {@code GET /api/v1/credits} answers, and the {@code balance}
 * a finished synchronous generation carries.
 *
 * @param credits the credits left, exactly as the server wrote them, or {@code null} when absent
 * @param accountType the account type ({@code PRO} …), or {@code null}
 * @param nextExpiration the next credit expiration as received, or {@code null} when the server
 *     sent {@code null} or nothing (the documentation shows only {@code null}, so its shape is kept
 *     as JSON rather than guessed)
 * @param raw the balance's JSON as received
 */
public record GptImageHubBalance(BigDecimal credits, String accountType, RawJson nextExpiration, RawJson raw) {

  /**
   * Fills defaults.
   *
   * @param credits the credits left, or {@code null}
   * @param accountType the account type, or {@code null}
   * @param nextExpiration the next expiration as received, or {@code null}
   * @param raw the balance's JSON; {@code null} becomes an empty document
   */
  public GptImageHubBalance {
    if (raw == null) {
      raw = RawJson.empty();
    }
  }

  /** {@return whether some credits are due to expire} */
  public boolean hasExpiringCredits() {
    return nextExpiration != null;
  }

  @Override
  public String toString() {
    return "GptImageHubBalance[credits=" + (credits == null ? "?" : credits.toPlainString())
        + ", accountType=" + accountType + ", nextExpiration=" + (nextExpiration == null ? "none" : nextExpiration.text())
        + "]";
  }
}
