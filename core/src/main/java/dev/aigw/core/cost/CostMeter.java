package dev.aigw.core.cost;

import dev.aigw.core.listener.AigwListener;
import dev.aigw.core.listener.CostRecorded;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A listener that adds up what gateways charged, per gateway and unit, exactly. Attach one to
 * every client whose spending you want to see (one meter may serve many clients):
 *
 * <pre>{@code
 * CostMeter meter = new CostMeter();
 * ICodeEasyClient icodeeasy = ICodeEasyClient.builder().apiKey(key).listener(meter).build();
 * …
 * meter.total("icodeeasy", CostUnit.CNY);   // 0.60 CNY
 * meter.snapshot();                          // every gateway and unit, with the number of charges
 * }</pre>
 *
 * <p>It counts what results say they cost (and, for icodeeasy's synchronous calls, whose answer
 * does not say, the published price of the images delivered); chat at CheapSub and everything at
 * CloudGPT report no cost, so they add nothing. A charge seen twice for one operation id (an
 * idempotent resubmission that found the same generation, an operation resumed twice) is counted
 * once. Thread-safe.
 */
public final class CostMeter implements AigwListener {
  /** Operation ids remembered to count each once; the oldest are forgotten beyond this. */
  static final int REMEMBERED_OPERATIONS = 10_000;

  private final Map<Key, Tally> totals = new TreeMap<>();
  private final Map<String, Boolean> counted = new LinkedHashMap<>(64, 0.75f, false) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
      return size() > REMEMBERED_OPERATIONS;
    }
  };

  /** An empty meter. */
  public CostMeter() {}

  /**
   * One gateway's total in one unit.
   *
   * @param vendor the gateway
   * @param cost the total
   * @param charges how many charges it adds up
   */
  public record Total(String vendor, Cost cost, long charges) {
    /** {@code icodeeasy: 0.60 CNY (3 charges)}. */
    @Override
    public String toString() {
      return vendor + ": " + cost + " (" + charges + (charges == 1 ? " charge)" : " charges)");
    }
  }

  private record Key(String vendor, String unit) implements Comparable<Key> {
    @Override
    public int compareTo(Key o) {
      int c = vendor.compareTo(o.vendor);
      return c != 0 ? c : unit.compareTo(o.unit);
    }
  }

  private static final class Tally {
    BigDecimal amount = BigDecimal.ZERO;
    long charges;
  }

  /**
   * Counts a charge.
   *
   * @param event the charge
   */
  @Override
  public void onCost(CostRecorded event) {
    record(event.vendor(), event.cost(), event.operationId());
  }

  /**
   * Counts a charge by hand (a cost your code learned some other way).
   *
   * @param vendor the gateway
   * @param cost what it charged
   * @param operationId the operation it was for, or {@code null}; an id already counted is not
   *     counted again
   * @return whether it was counted
   */
  public synchronized boolean record(String vendor, Cost cost, String operationId) {
    Objects.requireNonNull(vendor, "vendor");
    Objects.requireNonNull(cost, "cost");
    if (operationId != null && counted.put(vendor + '\u0000' + operationId, Boolean.TRUE) != null) {
      return false;
    }
    Tally t = totals.computeIfAbsent(new Key(vendor, cost.unit().code()), k -> new Tally());
    t.amount = t.amount.add(cost.amount());
    t.charges++;
    return true;
  }

  /**
   * What one gateway charged in one unit.
   *
   * @param vendor the gateway
   * @param unit the unit
   * @return the total, zero when nothing was charged
   */
  public synchronized Cost total(String vendor, CostUnit unit) {
    Tally t = totals.get(new Key(vendor, unit.code()));
    return new Cost(t == null ? BigDecimal.ZERO : t.amount, unit);
  }

  /**
   * What every gateway charged in one currency, added up; credits of different gateways are
   * different things and are not added.
   *
   * @param currency a currency ({@link CostUnit#isCurrency()})
   * @return the total over all gateways
   * @throws IllegalArgumentException when {@code currency} is not a currency
   */
  public synchronized Cost total(CostUnit currency) {
    if (!currency.isCurrency()) {
      throw new IllegalArgumentException(currency + " is not a currency: each gateway's credits are its own;"
          + " use total(vendor, unit)");
    }
    BigDecimal sum = BigDecimal.ZERO;
    for (Map.Entry<Key, Tally> e : totals.entrySet()) {
      if (e.getKey().unit.equals(currency.code())) {
        sum = sum.add(e.getValue().amount);
      }
    }
    return new Cost(sum, currency);
  }

  /**
   * Every gateway's totals, by gateway then unit.
   *
   * @return a copy, unaffected by later charges
   */
  public synchronized List<Total> snapshot() {
    List<Total> out = new ArrayList<>();
    totals.forEach((k, t) -> out.add(new Total(k.vendor, new Cost(t.amount, CostUnit.of(k.unit)), t.charges)));
    out.sort(Comparator.comparing(Total::vendor).thenComparing(t -> t.cost().unit().code()));
    return List.copyOf(out);
  }

  /** Forgets every total and every operation counted. */
  public synchronized void reset() {
    totals.clear();
    counted.clear();
  }

  /** The totals. */
  @Override
  public String toString() {
    return "CostMeter" + snapshot();
  }
}
