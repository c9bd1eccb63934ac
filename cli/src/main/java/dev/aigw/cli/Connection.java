package dev.aigw.cli;

import dev.aigw.core.AiClient;
import dev.aigw.core.AiClients;
import dev.aigw.core.ClientOptions;
import dev.aigw.core.operation.PollingStrategy;
import dev.aigw.core.routing.Router;
import dev.aigw.testkit.FakeCheapSub;
import dev.aigw.testkit.FakeCloudGpt;
import dev.aigw.testkit.FakeGateway;
import dev.aigw.testkit.FakeGptImage2;
import dev.aigw.testkit.FakeGptImageHub;
import dev.aigw.testkit.FakeICodeEasy;
import dev.aigw.testkit.TestReferenceHost;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The client a command talks to: one gateway's, or a failover router over several. Live, each
 * key comes from {@code <VENDOR>_API_KEY} (and {@code <VENDOR>_BASE_URL}); with {@code --fake},
 * each gateway is played by its testkit fake, started in this process. Closing it closes the
 * clients and stops the fakes.
 */
final class Connection implements AutoCloseable {

  /** The five gateways, by the names {@link AiClients} knows them. */
  static final List<String> GATEWAYS = List.of("cheapsub", "cloudgpt", "gptimagehub", "icodeeasy", "gptimage2");

  /** How many polls a fake takes to finish a task, so that progress is visible offline. */
  static final int FAKE_POLLS = 3;

  /** Offline, operations poll the fake this often unless {@code --poll-interval} says otherwise. */
  static final Duration FAKE_POLL_INTERVAL = Duration.ofMillis(200);

  private final AiClient client;
  private final List<String> names;
  private final List<AutoCloseable> owned;

  private Connection(AiClient client, List<String> names, List<AutoCloseable> owned) {
    this.client = client;
    this.names = names;
    this.owned = owned;
  }

  /**
   * Opens the gateways named.
   *
   * @param names one or more gateway names
   * @param options the global options
   * @param env the environment the keys come from
   */
  static Connection open(List<String> names, AigwCommand options, Map<String, String> env,
      java.io.PrintStream err) {
    List<String> known = new ArrayList<>();
    for (String name : names) {
      known.add(known(name));
    }
    List<AutoCloseable> owned = new ArrayList<>();
    List<AiClient> clients = new ArrayList<>();
    try {
      for (String name : known) {
        clients.add(options.fake ? fake(name, options, owned, err) : live(name, options, env));
      }
    } catch (RuntimeException e) {
      clients.forEach(AiClient::close);
      closeAll(owned);
      throw e;
    }
    if (clients.size() == 1) {
      return new Connection(clients.get(0), known, owned);
    }
    Router.Builder router = AiClients.router();
    clients.forEach(router::add);
    return new Connection(router.build(), known, owned);
  }

  /** A connection to a client built elsewhere (CloudGPT's, with its key-management token). */
  static Connection of(AiClient client) {
    return new Connection(client, List.of(client.vendor()), List.of());
  }

  /** Throws the CLI's "not set" error when {@code gateway}'s key is missing from {@code env}. */
  static void requireKey(String gateway, Map<String, String> env) {
    String key = env.get(keyVariable(gateway));
    if (key == null || key.isBlank()) {
      throw new CliException(ExitCodes.AUTH, keyVariable(gateway) + " is not set: export it (aigw reads keys only from "
          + "the environment), or add --fake to use the offline fake of " + gateway);
    }
  }

  /** {@code cheapsub} for {@code CheapSub}; a name that is not one of the five is a usage error. */
  static String known(String name) {
    String lower = name.strip().toLowerCase(Locale.ROOT);
    if (!GATEWAYS.contains(lower)) {
      throw new CliException(ExitCodes.USAGE, "unknown gateway '" + name + "'; choose one of " + String.join(", ", GATEWAYS));
    }
    return lower;
  }

  /** {@code CHEAPSUB_API_KEY} for {@code cheapsub}. */
  static String keyVariable(String gateway) {
    return gateway.toUpperCase(Locale.ROOT) + "_API_KEY";
  }

  /** {@code CHEAPSUB_BASE_URL} for {@code cheapsub}. */
  static String baseUrlVariable(String gateway) {
    return gateway.toUpperCase(Locale.ROOT) + "_BASE_URL";
  }

  private static AiClient live(String name, AigwCommand options, Map<String, String> env) {
    requireKey(name, env);
    String key = env.get(keyVariable(name));
    String url = env.get(baseUrlVariable(name));
    ClientOptions.Builder builder = ClientOptions.builder().apiKey(key.strip())
        .baseUrl(url == null || url.isBlank() ? null : url.strip());
    return AiClients.create(name, common(builder, options, null).build());
  }

  private static AiClient fake(String name, AigwCommand options, List<AutoCloseable> owned, java.io.PrintStream err) {
    FakeGateway fake = switch (name) {
      case "cheapsub" -> FakeCheapSub.start();
      case "cloudgpt" -> FakeCloudGpt.start();
      case "gptimagehub" -> FakeGptImageHub.start();
      case "icodeeasy" -> FakeICodeEasy.start();
      default -> FakeGptImage2.start();
    };
    owned.add(fake);
    fake.tasks().pollsToFinish(FAKE_POLLS);
    // CheapSub takes reference images only as URLs: offline, a loopback host publishes local files
    TestReferenceHost host = null;
    if (name.equals("cheapsub")) {
      host = TestReferenceHost.start();
      owned.add(host);
    }
    err.println("aigw: " + name + ": the offline fake at " + fake.baseUrl() + " (--fake: no key is used, nothing is charged)");
    ClientOptions.Builder builder = ClientOptions.builder().apiKey(fake.apiKey()).baseUrl(fake.baseUrl())
        .referenceHost(host);
    return AiClients.create(name, common(builder, options, FAKE_POLL_INTERVAL).build());
  }

  private static ClientOptions.Builder common(ClientOptions.Builder builder, AigwCommand options,
      Duration defaultInterval) {
    Duration interval = options.pollInterval != null ? options.pollInterval : defaultInterval;
    if (interval != null) {
      builder.polling(PollingStrategy.fixed(interval, options.waitTimeout()));
    }
    if (options.timeout != null) {
      builder.callTimeout(options.timeout);
    }
    return builder;
  }

  /** The client: a gateway's own, or a router. */
  AiClient client() {
    return client;
  }

  /** The gateway names, in order. */
  List<String> names() {
    return names;
  }

  /** {@code cheapsub} or {@code icodeeasy,gptimagehub}: how {@code aigw resume} is to name them. */
  String spec() {
    return String.join(",", names);
  }

  /** Whether this is a router over several gateways. */
  boolean routed() {
    return names.size() > 1;
  }

  @Override
  public void close() {
    try {
      client.close();
    } finally {
      closeAll(owned);
    }
  }

  private static void closeAll(List<AutoCloseable> owned) {
    for (AutoCloseable each : owned) {
      try {
        each.close();
      } catch (Exception ignored) {
        // stopping a fake does not fail the command
      }
    }
  }
}
