package dev.aigw.core.shared;

import java.time.Instant;
import java.util.Objects;

/**
 * A paid operation submitted to a gateway and not known to be finished, as a {@link
 * PendingOperations} store keeps it: enough to resume it ({@code client.images().resume(id)} on a
 * client of {@code vendor}) and to say what it was, never the key or the prompt.
 *
 * @param vendor the gateway ({@code gptimage2})
 * @param id the gateway's task id, the one {@code resume} takes
 * @param asked what was asked, in short ({@code image gpt-image-2 via POST /api/v1/generate}); no
 *     prompt, no key
 * @param submittedAt when it was submitted
 * @param claimedBy the instance working on it ({@link SharedState#instanceId()}): its submitter,
 *     then whoever claimed it; {@code null} when nobody does
 * @param claimExpiresAt when the claim lapses unless renewed (the instance polling it renews it);
 *     {@code null} when unclaimed
 */
public record PendingOperation(String vendor, String id, String asked, Instant submittedAt, String claimedBy,
    Instant claimExpiresAt) {
  /**
   * Checks the values.
   *
   * @param vendor the gateway
   * @param id the task id
   * @param asked what was asked ({@code null}: empty)
   * @param submittedAt when it was submitted
   * @param claimedBy the claiming instance, or {@code null}
   * @param claimExpiresAt when the claim lapses, or {@code null}
   */
  public PendingOperation {
    Objects.requireNonNull(vendor, "vendor");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(submittedAt, "submittedAt");
    asked = asked == null ? "" : asked;
  }

  /**
   * Whether another instance may claim it at {@code now}: nobody claims it, or the claim lapsed.
   *
   * @param now the time to judge at
   * @return {@code true} when claimable
   */
  public boolean claimableAt(Instant now) {
    return claimedBy == null || claimExpiresAt == null || !claimExpiresAt.isAfter(now);
  }
}
