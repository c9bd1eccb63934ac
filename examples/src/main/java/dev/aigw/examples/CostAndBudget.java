package dev.aigw.examples;

import dev.aigw.core.AiClient;
import dev.aigw.core.cost.Budget;
import dev.aigw.core.cost.Cost;
import dev.aigw.core.cost.CostMeter;
import dev.aigw.core.cost.CostUnit;
import dev.aigw.core.cost.PriceEstimate;
import dev.aigw.core.error.BudgetExceededException;
import dev.aigw.core.image.ImageRequest;
import dev.aigw.core.image.ImageResult;
import dev.aigw.core.image.Quality;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What things cost, and a budget that stops spending: one {@link CostMeter} and one {@link Budget}
 * on the clients of all five gateways. It asks each gateway what an image will cost before sending
 * ({@code estimate}: known at icodeeasy and GPTImageHub), generates until a limit would be crossed,
 * shows the refusal ({@link BudgetExceededException}, nothing sent), and ends with a table of what
 * each gateway charged, in its own unit, against its limit.
 *
 * <p>It always runs offline, against the testkit's in-process fakes (no key is read, nothing is
 * charged). Run it with:
 *
 * <pre>
 * mvn -B -q -DskipTests -Drun-examples -Dexample=dev.aigw.examples.CostAndBudget package
 * </pre>
 */
public final class CostAndBudget {
  private CostAndBudget() {}

  private static final Duration WAIT = Duration.ofMinutes(2);

  /** Runs the example; the exit status is 1 when it failed. */
  public static void main(String[] args) {
    Program.run("CostAndBudget", CostAndBudget::run);
  }

  /** The limits the example sets: none at CloudGPT (it reports no cost) or gptimage2.plus. */
  static Budget budget() {
    return Budget.builder()
        .limit("cheapsub", Cost.of("0.5", CostUnit.KRW))
        .limit("gptimagehub", Cost.of("20", CostUnit.CREDITS))
        .limit("icodeeasy", Cost.of("0.50", CostUnit.CNY))
        .build();
  }

  /** Visits every gateway's fake with the meter and the budget, then prints the cost table. */
  static void run(Map<String, String> env, Path output, PrintStream out) {
    CostMeter meter = new CostMeter();
    Budget budget = budget();
    out.println("Limits: " + limits(budget) + " (offline: every gateway is its in-process fake)");
    for (String vendor : Gateway.VENDORS) {
      try (Gateway gateway = Gateway.offline(vendor, out, List.of(meter), budget)) {
        AiClient client = gateway.client();
        switch (vendor) {
          case "cheapsub" -> {
            ImageRequest cat = ImageRequest.builder().model("nano-banana-2").prompt("A cat watching the rain").build();
            estimate(client.estimate(cat), out);
            generate(client, cat, out);
            // the limit is reached: CheapSub says what a task cost only afterwards, so it stops here
            refused(() -> generate(client, cat, out), out);
          }
          case "cloudgpt" -> {
            ImageRequest city = ImageRequest.builder().model("flux").prompt("A city at night").size(512, 512).build();
            estimate(client.estimate(city), out);
            generate(client, city, out);
          }
          case "gptimagehub" -> {
            ImageRequest two = ImageRequest.builder().model("gpt-image-2").prompt("A perfume bottle").size(1024, 1024)
                .n(2).build();
            estimate(client.estimate(two), out);
            generate(client, two, out);
            ImageRequest one = two.toBuilder().n(1).build();
            estimate(client.estimate(one), out);
            refused(() -> generate(client, one, out), out);
          }
          case "icodeeasy" -> {
            ImageRequest high = ImageRequest.builder().prompt("A corgi astronaut").quality(Quality.HIGH).build();
            estimate(client.estimate(high), out);
            generate(client, high, out);
            ImageRequest medium = high.toBuilder().quality(Quality.MEDIUM).build();
            estimate(client.estimate(medium), out);
            refused(() -> generate(client, medium, out), out);
          }
          case "gptimage2" -> {
            ImageRequest lighthouse = ImageRequest.builder().prompt("A lighthouse at dawn").quality(Quality.LOW).build();
            estimate(client.estimate(lighthouse), out);
            generate(client, lighthouse, out);
          }
          default -> throw new IllegalStateException("no step for " + vendor);
        }
      }
    }
    out.println();
    table(meter, budget, out);
  }

  /** {@code cheapsub 2.5 KRW, gptimagehub 20 credits, icodeeasy 0.50 CNY; none at cloudgpt, gptimage2}. */
  private static String limits(Budget budget) {
    List<String> set = new java.util.ArrayList<>();
    List<String> none = new java.util.ArrayList<>();
    for (String vendor : Gateway.VENDORS) {
      Optional<Cost> limit = List.of(CostUnit.KRW, CostUnit.CNY, CostUnit.CREDITS).stream()
          .map(u -> budget.limit(vendor, u)).flatMap(Optional::stream).findFirst();
      if (limit.isPresent()) {
        set.add(vendor + " " + limit.get());
      } else {
        none.add(vendor);
      }
    }
    return String.join(", ", set) + "; none at " + String.join(", ", none);
  }

  private static void estimate(PriceEstimate estimate, PrintStream out) {
    out.println("  estimate: " + (estimate.isKnown() ? estimate.price() + " (" + estimate.reason() + ")"
        : "unknown before sending (" + estimate.reason() + ")"));
  }

  private static void generate(AiClient client, ImageRequest request, PrintStream out) {
    ImageResult result = client.images().generate(request, WAIT);
    out.println("  " + result.images().size() + (result.images().size() == 1 ? " image" : " images") + ": "
        + (result.cost() == null ? "no cost reported" : "cost " + result.cost()));
  }

  private static void refused(Runnable paidCall, PrintStream out) {
    try {
      paidCall.run();
      throw new IllegalStateException("the budget let a call through that crosses its limit");
    } catch (BudgetExceededException e) {
      out.println("  refused: " + e.getMessage());
    }
  }

  /** One row per gateway: what it charged, how many times, its limit and what is left. */
  static void table(CostMeter meter, Budget budget, PrintStream out) {
    String row = "%-12s %-14s %7s  %-12s %s";
    out.println(String.format(row, "gateway", "charged", "charges", "limit", "left"));
    for (String vendor : Gateway.VENDORS) {
      List<CostMeter.Total> totals = meter.snapshot().stream().filter(t -> t.vendor().equals(vendor)).toList();
      if (totals.isEmpty()) {
        out.println(String.format(row, vendor, "-", "0", "-", "-").stripTrailing() + "   (no cost reported)");
        continue;
      }
      for (CostMeter.Total t : totals) {
        CostUnit unit = t.cost().unit();
        Optional<Cost> limit = budget.limit(vendor, unit);
        out.println(String.format(row, vendor, t.cost(), t.charges(), limit.map(Cost::toString).orElse("none"),
            budget.remaining(vendor, unit).map(Cost::toString).orElse("-")).stripTrailing());
      }
    }
  }
}
