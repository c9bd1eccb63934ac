package dev.aigw.core.cost;

import dev.aigw.core.error.BudgetExceededException;
import dev.aigw.core.listener.AigwListener;
import dev.aigw.core.listener.CallFinished;
import dev.aigw.core.listener.CallInfo;
import dev.aigw.core.listener.CostRecorded;
import dev.aigw.core.listener.OperationFinished;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Spending limits, one per gateway and unit, enforced before paid calls are sent:
 *
 * <pre>{@code
 * Budget budget = Budget.builder()
 *     .limit("icodeeasy", Cost.of("5.00", CostUnit.CNY))
 *     .limit("gptimagehub", Cost.of("200", CostUnit.CREDITS))
 *     .build();
 * ICodeEasyClient icodeeasy = ICodeEasyClient.builder().apiKey(key).budget(budget).build();
 * }</pre>
 *
 * <ul>
 *   <li>Where a call's price is known before sending (icodeeasy's per-image tiers, GPTImageHub's
 *       credits per image from its model list), a call that would take the spending past the limit
 *       is refused with a {@link BudgetExceededException} naming the limit, the spending and the
 *       price, before anything is sent. A call let through reserves its price at once, so calls
 *       made together cannot cross the limit together; the reservation becomes the reported cost
 *       when the result says what it cost, and is released when the gateway answers with an error
 *       or the task fails (neither gateway charges those).
 *   <li>Where the price is known only afterwards (CheapSub, gptimage2.plus), paid calls are
 *       refused once the spending has reached the limit.
 *   <li>Calls that make nothing (model lists, polls, balances) are never refused.
 * </ul>
 *
 * <p>A budget is also a listener: it learns what was spent from the costs results report. One
 * budget may serve several clients; limits are per gateway name. Thread-safe.
 */
public final class Budget implements AigwListener {
  /** Operation ids remembered to count each once. */
  private static final int REMEMBERED_OPERATIONS = 10_000;

  private final Map<Key, Cost> limits;
  private final Map<Key, BigDecimal> charged = new HashMap<>();
  private final Map<Key, BigDecimal> reserved = new HashMap<>();
  /** The key under which a call's reservation sits in its {@link CallInfo#attributes()}. */
  private final Object reservationKey = new Object();
  private final Map<String, Boolean> counted = new LinkedHashMap<>(64, 0.75f, false) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
      return size() > REMEMBERED_OPERATIONS;
    }
  };

  private record Key(String vendor, CostUnit unit) {}

  /** A price held against the limit while its call's work is under way. */
  private record Reservation(Key key, BigDecimal amount) {}

  private Budget(Map<Key, Cost> limits) {
    this.limits = Map.copyOf(limits);
  }

  /**
   * A builder.
   *
   * @return a builder without limits
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The limit for a gateway and unit.
   *
   * @param vendor the gateway
   * @param unit the unit
   * @return the limit, or empty when there is none
   */
  public Optional<Cost> limit(String vendor, CostUnit unit) {
    return Optional.ofNullable(limits.get(new Key(vendor, unit)));
  }

  /**
   * What counts against a limit now: the costs results reported, plus the prices reserved by paid
   * calls whose cost is not reported yet.
   *
   * @param vendor the gateway
   * @param unit the unit
   * @return the spending, zero when none
   */
  public synchronized Cost spent(String vendor, CostUnit unit) {
    Key key = new Key(vendor, unit);
    return new Cost(sum(key), unit);
  }

  /**
   * What is left under a limit.
   *
   * @param vendor the gateway
   * @param unit the unit
   * @return the limit less the spending (zero when it is reached), or empty without a limit
   */
  public synchronized Optional<Cost> remaining(String vendor, CostUnit unit) {
    Key key = new Key(vendor, unit);
    Cost limit = limits.get(key);
    if (limit == null) {
      return Optional.empty();
    }
    BigDecimal left = limit.amount().subtract(sum(key));
    return Optional.of(new Cost(left.signum() < 0 ? BigDecimal.ZERO : left, unit));
  }

  /** Forgets all spending and reservations; the limits stay. */
  public synchronized void reset() {
    charged.clear();
    reserved.clear();
    counted.clear();
  }

  /**
   * The pre-send check the runtime makes before a paid call: refuses it when it would cross a
   * limit, else reserves its price (when known) against the limit.
   *
   * @param call the call about to be sent
   * @param estimate its price, known or not
   * @throws BudgetExceededException when the call is refused; nothing was sent
   */
  public void admit(CallInfo call, PriceEstimate estimate) {
    Objects.requireNonNull(call, "call");
    Objects.requireNonNull(estimate, "estimate");
    String vendor = call.vendor();
    String what = call.method() + " " + call.endpoint();
    Reservation reservation = null;
    synchronized (this) {
      Cost price = estimate.price();
      Key priced = price == null ? null : new Key(vendor, price.unit());
      if (priced != null && limits.containsKey(priced)) {
        Cost limit = limits.get(priced);
        BigDecimal spent = sum(priced);
        BigDecimal after = spent.add(price.amount());
        if (after.compareTo(limit.amount()) > 0) {
          throw new BudgetExceededException(vendor, "[" + vendor + "] " + what + " refused before sending: it costs "
              + price + " (" + estimate.reason() + "), and " + new Cost(spent, price.unit()) + " of the budget's "
              + limit + " for " + vendor + " is spent or reserved, so it would come to " + new Cost(after, price.unit())
              + "; nothing was sent", limit, new Cost(spent, price.unit()), price);
        }
        reservation = new Reservation(priced, price.amount());
        reserved.merge(priced, price.amount(), BigDecimal::add);
      } else {
        for (Map.Entry<Key, Cost> e : limits.entrySet()) {
          Key key = e.getKey();
          if (!key.vendor.equals(vendor)) {
            continue;
          }
          BigDecimal spent = sum(key);
          if (spent.compareTo(e.getValue().amount()) >= 0) {
            throw new BudgetExceededException(vendor, "[" + vendor + "] " + what + " refused before sending: "
                + new Cost(spent, key.unit) + " of the budget's " + e.getValue() + " for " + vendor
                + " is spent, and the price of this call is known only afterwards (" + estimate.reason()
                + "); nothing was sent", e.getValue(), new Cost(spent, key.unit), price);
          }
        }
      }
    }
    if (reservation != null) {
      call.attributes().put(reservationKey, reservation);
    }
  }

  /**
   * Counts a reported cost, in place of the reservation its call made.
   *
   * @param event the cost
   */
  @Override
  public void onCost(CostRecorded event) {
    Reservation r = event.call() == null ? null : (Reservation) event.call().attributes().remove(reservationKey);
    synchronized (this) {
      if (r != null) {
        release(r);
      }
      if (event.operationId() != null && counted.put(event.vendor() + '\u0000' + event.operationId(), Boolean.TRUE) != null) {
        return;
      }
      charged.merge(new Key(event.vendor(), event.cost().unit()), event.cost().amount(), BigDecimal::add);
    }
  }

  /**
   * Releases a call's reservation when the gateway answered with an error (nothing is charged for
   * those where prices are known).
   *
   * @param event the outcome
   */
  @Override
  public void onCallFinished(CallFinished event) {
    if (event.error() != null && event.status() >= 400) {
      releaseOf(event.call());
    }
  }

  /**
   * Releases the reservation of an operation that failed or was blocked (refunded, or never
   * charged).
   *
   * @param event the outcome
   */
  @Override
  public void onOperationFinished(OperationFinished event) {
    if ((event.end() == OperationFinished.End.FAILED || event.end() == OperationFinished.End.BLOCKED)
        && event.operation().submitCall() != null) {
      releaseOf(event.operation().submitCall());
    }
  }

  private void releaseOf(CallInfo call) {
    Reservation r = (Reservation) call.attributes().remove(reservationKey);
    if (r != null) {
      synchronized (this) {
        release(r);
      }
    }
  }

  private void release(Reservation r) {
    BigDecimal left = reserved.getOrDefault(r.key, BigDecimal.ZERO).subtract(r.amount);
    if (left.signum() <= 0) {
      reserved.remove(r.key);
    } else {
      reserved.put(r.key, left);
    }
  }

  private BigDecimal sum(Key key) {
    return charged.getOrDefault(key, BigDecimal.ZERO).add(reserved.getOrDefault(key, BigDecimal.ZERO));
  }

  /** The limits. */
  @Override
  public String toString() {
    List<String> parts = new ArrayList<>();
    limits.forEach((k, v) -> parts.add(k.vendor + " " + v));
    parts.sort(null);
    return "Budget" + parts;
  }

  /** Builds a {@link Budget}. */
  public static final class Builder {
    private final Map<Key, Cost> limits = new LinkedHashMap<>();

    private Builder() {}

    /**
     * Sets the limit for a gateway in the limit's unit (one per gateway and unit; a later one
     * replaces an earlier).
     *
     * @param vendor the gateway's name ({@code icodeeasy})
     * @param limit the most it may spend in that unit
     * @return this builder
     */
    public Builder limit(String vendor, Cost limit) {
      Objects.requireNonNull(vendor, "vendor");
      Objects.requireNonNull(limit, "limit");
      limits.put(new Key(vendor.strip().toLowerCase(java.util.Locale.ROOT), limit.unit()), limit);
      return this;
    }

    /**
     * The budget.
     *
     * @return a budget with these limits and nothing spent
     */
    public Budget build() {
      return new Budget(limits);
    }
  }
}
