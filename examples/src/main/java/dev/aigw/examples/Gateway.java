package dev.aigw.examples;

import dev.aigw.core.AiClient;
import dev.aigw.core.AiClients;
import dev.aigw.core.ClientOptions;
import dev.aigw.core.cost.Budget;
import dev.aigw.core.listener.AigwListener;
import dev.aigw.core.operation.PollingStrategy;
import dev.aigw.testkit.FakeCheapSub;
import dev.aigw.testkit.FakeCloudGpt;
import dev.aigw.testkit.FakeGateway;
import dev.aigw.testkit.FakeGptImage2;
import dev.aigw.testkit.FakeGptImageHub;
import dev.aigw.testkit.FakeICodeEasy;
import dev.aigw.testkit.TestReferenceHost;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One gateway's client for an example: live when the vendor's {@code <VENDOR>_API_KEY} is set
 * (the client is built by {@link AiClients#fromEnv(String, Map)}, which also reads {@code
 * <VENDOR>_BASE_URL}), otherwise connected to the testkit's in-process fake of that gateway.
 * Closing it closes the client and stops the fake. Its {@link #toString()} never shows a key.
 */
final class Gateway implements AutoCloseable {

  /** The five gateways, in the order the tour visits them. */
  static final List<String> VENDORS = List.of("cheapsub", "cloudgpt", "gptimagehub", "icodeeasy", "gptimage2");

  /** Offline, operations poll the fake this often (the fakes finish a task in a few polls). */
  static final Duration OFFLINE_POLL_INTERVAL = Duration.ofMillis(50);

  private final String vendor;
  private final AiClient client;
  private final FakeGateway fake;
  private final TestReferenceHost host;

  private Gateway(String vendor, AiClient client, FakeGateway fake, TestReferenceHost host) {
    this.vendor = vendor;
    this.client = client;
    this.fake = fake;
    this.host = host;
  }

  /**
   * Opens {@code vendor}'s client and prints one line saying whether it is live or offline.
   *
   * @param vendor one of {@link #VENDORS}
   * @param env the environment to read the key (and base URL) from
   * @param out where the line goes
   * @throws IllegalArgumentException for an unknown vendor
   * @throws dev.aigw.core.error.ValidationException when a live key is set but the client cannot
   *     be built from the environment (a key of another vendor, CloudGPT without a base URL …)
   */
  static Gateway open(String vendor, Map<String, String> env, PrintStream out) {
    return open(vendor, env, out, List.of(), null);
  }

  /**
   * As {@link #open(String, Map, PrintStream)}, with listeners and a budget on the client.
   *
   * @param listeners listeners of the client ({@code CostMeter} …)
   * @param budget spending limits, or {@code null}
   */
  static Gateway open(String vendor, Map<String, String> env, PrintStream out, List<AigwListener> listeners,
      Budget budget) {
    String name = known(vendor);
    String keyVariable = apiKeyVariable(name);
    if (isLive(name, env)) {
      String url = env.get(name.toUpperCase(Locale.ROOT) + "_BASE_URL");
      AiClient client = listeners.isEmpty() && budget == null ? AiClients.fromEnv(name, env)
          : AiClients.create(name, with(ClientOptions.builder().apiKey(env.get(keyVariable))
              .baseUrl(url == null || url.isBlank() ? null : url), listeners, budget).build());
      out.println("== " + name + ": live, " + client + " (" + keyVariable + " is set; calls are charged)");
      return new Gateway(name, client, null, null);
    }
    return offline(name, out, listeners, budget, " (set " + keyVariable + " to call the real service)");
  }

  /**
   * {@code vendor}'s in-process fake, whatever the environment says, with listeners and a budget on
   * the client; prints {@code == <vendor>: offline: the embedded fake at <url>}.
   */
  static Gateway offline(String vendor, PrintStream out, List<AigwListener> listeners, Budget budget) {
    return offline(known(vendor), out, listeners, budget, "");
  }

  private static Gateway offline(String name, PrintStream out, List<AigwListener> listeners, Budget budget,
      String hint) {
    FakeGateway fake = startFake(name);
    // offline, CheapSub (which takes reference images only as URLs) gets a loopback host for local
    // ones; a live application plugs in its own ReferenceHost (its storage or CDN)
    TestReferenceHost host = name.equals("cheapsub") ? TestReferenceHost.start() : null;
    try {
      AiClient client = AiClients.create(name, with(ClientOptions.builder()
          .apiKey(fake.apiKey())
          .baseUrl(fake.baseUrl())
          .polling(PollingStrategy.fixed(OFFLINE_POLL_INTERVAL, Duration.ofMinutes(2)))
          .referenceHost(host), listeners, budget)
          .build());
      out.println("== " + name + ": offline: the embedded fake at " + fake.baseUrl() + hint);
      return new Gateway(name, client, fake, host);
    } catch (RuntimeException e) {
      fake.close();
      if (host != null) {
        host.close();
      }
      throw e;
    }
  }

  private static ClientOptions.Builder with(ClientOptions.Builder options, List<AigwListener> listeners,
      Budget budget) {
    listeners.forEach(options::listener);
    return options.budget(budget);
  }

  private static String known(String vendor) {
    String name = vendor.strip().toLowerCase(Locale.ROOT);
    if (!VENDORS.contains(name)) {
      throw new IllegalArgumentException("unknown gateway '" + vendor + "'; choose one of " + String.join(", ", VENDORS));
    }
    return name;
  }

  /** {@code CHEAPSUB_API_KEY} for {@code cheapsub}, and so on: the variable that makes a run live. */
  static String apiKeyVariable(String vendor) {
    return vendor.toUpperCase(Locale.ROOT) + "_API_KEY";
  }

  /** Whether {@code vendor}'s key is set (and not blank) in {@code env}. */
  static boolean isLive(String vendor, Map<String, String> env) {
    String key = env.get(apiKeyVariable(vendor));
    return key != null && !key.isBlank();
  }

  private static FakeGateway startFake(String vendor) {
    return switch (vendor) {
      case "cheapsub" -> FakeCheapSub.start();
      case "cloudgpt" -> FakeCloudGpt.start();
      case "gptimagehub" -> FakeGptImageHub.start();
      case "icodeeasy" -> FakeICodeEasy.start();
      case "gptimage2" -> FakeGptImage2.start();
      default -> throw new IllegalArgumentException("no fake for " + vendor);
    };
  }

  /** The vendor name. */
  String vendor() {
    return vendor;
  }

  /** Whether this talks to the real service. */
  boolean live() {
    return fake == null;
  }

  /** The client through the neutral API. */
  AiClient client() {
    return client;
  }

  /** The client as its vendor type ({@code CheapSubClient} …), for the vendor's extras. */
  <C extends AiClient> C client(Class<C> type) {
    return type.cast(client);
  }

  /** The fake when offline and of type {@code type}, to adjust it (replies, polls per task …). */
  <F extends FakeGateway> Optional<F> fake(Class<F> type) {
    return type.isInstance(fake) ? Optional.of(type.cast(fake)) : Optional.empty();
  }

  /** Closes the client, then stops the fake (and the offline reference host). */
  @Override
  public void close() {
    try {
      client.close();
    } finally {
      if (fake != null) {
        fake.close();
      }
      if (host != null) {
        host.close();
      }
    }
  }

  @Override
  public String toString() {
    return "Gateway[" + vendor + ", " + (live() ? "live " + client : "offline") + "]";
  }
}
