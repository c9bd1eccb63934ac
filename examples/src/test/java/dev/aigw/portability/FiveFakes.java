package dev.aigw.portability;

import dev.aigw.cheapsub.CheapSubClient;
import dev.aigw.cloudgpt.CloudGptClient;
import dev.aigw.core.AiClient;
import dev.aigw.core.ClientBuilder;
import dev.aigw.core.http.RetryPolicy;
import dev.aigw.core.operation.PollingStrategy;
import dev.aigw.gptimage2.GptImage2Client;
import dev.aigw.gptimagehub.GptImageHubClient;
import dev.aigw.icodeeasy.ICodeEasyClient;
import dev.aigw.testkit.FakeCheapSub;
import dev.aigw.testkit.FakeCloudGpt;
import dev.aigw.testkit.FakeGateway;
import dev.aigw.testkit.FakeGptImage2;
import dev.aigw.testkit.FakeGptImageHub;
import dev.aigw.testkit.FakeICodeEasy;
import dev.aigw.testkit.TestReferenceHost;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The five gateways' fakes and a client of each (CheapSub's with a {@link TestReferenceHost}),
 * polling and retrying fast; closing it closes them all.
 */
final class FiveFakes implements AutoCloseable {
  static final Duration WAIT = Duration.ofSeconds(20);
  static final RetryPolicy FAST_RETRIES = new RetryPolicy(2, Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofSeconds(5));
  static final PollingStrategy FAST_POLLING = PollingStrategy.fixed(Duration.ofMillis(10), WAIT);

  final FakeCheapSub cheapsubFake = FakeCheapSub.start();
  final FakeCloudGpt cloudgptFake = FakeCloudGpt.start();
  final FakeGptImageHub gptimagehubFake = FakeGptImageHub.start();
  final FakeICodeEasy icodeeasyFake = FakeICodeEasy.start();
  final FakeGptImage2 gptimage2Fake = FakeGptImage2.start();
  final TestReferenceHost host = TestReferenceHost.start();

  final CheapSubClient cheapsub = fast(CheapSubClient.builder(), cheapsubFake).referenceHost(host).build();
  final CloudGptClient cloudgpt = fast(CloudGptClient.builder(), cloudgptFake).build();
  final GptImageHubClient gptimagehub = fast(GptImageHubClient.builder(), gptimagehubFake).build();
  final ICodeEasyClient icodeeasy = fast(ICodeEasyClient.builder(), icodeeasyFake).build();
  final GptImage2Client gptimage2 = fast(GptImage2Client.builder(), gptimage2Fake).build();

  FiveFakes() {
    for (FakeGateway fake : fakes().values()) {
      fake.tasks().pollsToFinish(1);
    }
  }

  /** A builder pointed at {@code fake} with its key, fast retries and polling. */
  static <B extends ClientBuilder<B, C>, C> B fast(B builder, FakeGateway fake) {
    return builder.baseUrl(fake.baseUrl()).apiKey(fake.apiKey()).retryPolicy(FAST_RETRIES).polling(FAST_POLLING);
  }

  /** The clients, in the README's order. */
  List<AiClient> clients() {
    return List.of(cheapsub, cloudgpt, gptimagehub, icodeeasy, gptimage2);
  }

  /** The fakes by vendor, in the README's order. */
  Map<String, FakeGateway> fakes() {
    Map<String, FakeGateway> m = new LinkedHashMap<>();
    m.put("cheapsub", cheapsubFake);
    m.put("cloudgpt", cloudgptFake);
    m.put("gptimagehub", gptimagehubFake);
    m.put("icodeeasy", icodeeasyFake);
    m.put("gptimage2", gptimage2Fake);
    return m;
  }

  /** The fake of {@code client}'s vendor. */
  FakeGateway fake(AiClient client) {
    return fakes().get(client.vendor());
  }

  @Override
  public void close() {
    clients().forEach(AiClient::close);
    fakes().values().forEach(FakeGateway::close);
    host.close();
  }
}
