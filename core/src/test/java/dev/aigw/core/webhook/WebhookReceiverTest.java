package dev.aigw.core.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aigw.core.Secret;
import dev.aigw.core.error.WebhookVerificationException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Verify, then drop repeats, then parse: what {@link WebhookReceiver} does with one delivery. */
class WebhookReceiverTest {
  private static final Secret SECRET = Secret.of("whsec_0123456789abcdef");
  private static final byte[] BODY = "{\"event\":\"done\",\"id\":\"g1\"}".getBytes(StandardCharsets.UTF_8);

  /** Bodies the parser saw, to show what reached it. */
  private final List<String> parsed = new CopyOnWriteArrayList<>();

  /** A parser that reads the body's {@code id}, refusing anything that is not JSON-looking. */
  private String parse(String body) {
    parsed.add(body);
    if (!body.startsWith("{")) {
      throw new IllegalArgumentException("not a JSON object");
    }
    return body.replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
  }

  private WebhookReceiver<String> receiver(DeliveryDeduplicator dedup) {
    return WebhookReceiver.builder("acme", SECRET, this::parse)
        .signatureHeader("X-Acme-Signature").deliveryHeader("X-Acme-Delivery").eventHeader("X-Acme-Event")
        .deduplicator(dedup).build();
  }

  private WebhookReceiver<String> receiver() {
    return receiver(new DeliveryDeduplicator());
  }

  private static String sign(byte[] body) {
    return WebhookVerifier.hmacSha256("test", SECRET).sign(body);
  }

  private static Map<String, String> headers(String signature, String delivery) {
    Map<String, String> h = new HashMap<>();
    h.put("X-Acme-Signature", signature);
    if (delivery != null) {
      h.put("X-Acme-Delivery", delivery);
    }
    h.put("X-Acme-Event", "done");
    return h;
  }

  @Test
  void aValidDeliveryIsVerifiedAndParsed() {
    Optional<WebhookReceiver.Delivery<String>> d = receiver().receive(BODY, headers(sign(BODY), "dlv-1"));

    assertThat(d).contains(new WebhookReceiver.Delivery<>("dlv-1", "done", "g1"));
    assertThat(parsed).containsExactly(new String(BODY, StandardCharsets.UTF_8));
  }

  @Test
  void aTamperedBodyIsRejectedBeforeParsing() {
    byte[] tampered = "{\"event\":\"done\",\"id\":\"g2\"}".getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> receiver().receive(tampered, headers(sign(BODY), "dlv-1")))
        .isInstanceOf(WebhookVerificationException.class)
        .hasMessage("[acme] webhook signature does not match the body (tampered, or signed with another secret)");
    assertThat(parsed).isEmpty();
  }

  @Test
  void aMissingSignatureIsRejected() {
    Map<String, String> h = headers(sign(BODY), "dlv-1");
    h.remove("X-Acme-Signature");

    assertThatThrownBy(() -> receiver().receive(BODY, h)).isInstanceOf(WebhookVerificationException.class)
        .hasMessage("[acme] webhook delivery has no signature");
    assertThat(parsed).isEmpty();
  }

  @Test
  void aSignatureMadeWithAnotherSecretIsRejectedAndNeitherSecretIsShown() {
    String other = WebhookVerifier.hmacSha256("test", Secret.of("whsec_another")).sign(BODY);

    assertThatThrownBy(() -> receiver().receive(BODY, headers(other, "dlv-1")))
        .isInstanceOf(WebhookVerificationException.class)
        .message().contains("signature does not match").doesNotContain("whsec_");
  }

  @Test
  void aRepeatedDeliveryIsDroppedAfterVerification() {
    WebhookReceiver<String> receiver = receiver();

    assertThat(receiver.receive(BODY, headers(sign(BODY), "dlv-1"))).isPresent();
    assertThat(receiver.receive(BODY, headers(sign(BODY), "dlv-1"))).isEmpty();
    assertThat(receiver.receive(BODY, headers(sign(BODY), " dlv-1 "))).as("the id is trimmed").isEmpty();
    assertThat(parsed).hasSize(1);
  }

  @Test
  void aForgedRepeatIsRejectedNotSilentlyDropped() {
    WebhookReceiver<String> receiver = receiver();
    receiver.receive(BODY, headers(sign(BODY), "dlv-1"));

    assertThatThrownBy(() -> receiver.receive(BODY, headers("00ff", "dlv-1")))
        .isInstanceOf(WebhookVerificationException.class);
  }

  @Test
  void aForgedDeliveryDoesNotBlockTheRealOne() {
    WebhookReceiver<String> receiver = receiver();

    assertThatThrownBy(() -> receiver.receive(BODY, headers("00ff", "dlv-1"))).isInstanceOf(WebhookVerificationException.class);
    assertThat(receiver.receive(BODY, headers(sign(BODY), "dlv-1"))).isPresent();
  }

  @Test
  void withoutADeliveryHeaderEveryDeliveryIsHandled() {
    WebhookReceiver<String> receiver = receiver();

    Optional<WebhookReceiver.Delivery<String>> first = receiver.receive(BODY, headers(sign(BODY), null));
    Optional<WebhookReceiver.Delivery<String>> second = receiver.receive(BODY, headers(sign(BODY), "  "));

    assertThat(first).isPresent();
    assertThat(first.get().id()).isNull();
    assertThat(second).isPresent();
    assertThat(second.get().id()).as("a blank id is no id").isNull();
    assertThat(parsed).hasSize(2);
  }

  @Test
  void aReceiverWithoutDeliveryOrEventHeadersNeverDedupes() {
    WebhookReceiver<String> receiver = WebhookReceiver.builder("acme", SECRET, this::parse).build();
    Map<String, String> h = Map.of("X-Signature", sign(BODY), "X-Acme-Delivery", "dlv-1");

    assertThat(receiver.receive(BODY, h)).contains(new WebhookReceiver.Delivery<>(null, null, "g1"));
    assertThat(receiver.receive(BODY, h)).isPresent();
  }

  @Test
  void anUnreadableSignedBodyIsAnExceptionAndItsIdIsForgotten() {
    DeliveryDeduplicator dedup = new DeliveryDeduplicator();
    WebhookReceiver<String> receiver = receiver(dedup);
    byte[] junk = "not json".getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> receiver.receive(junk, headers(sign(junk), "dlv-9")))
        .isInstanceOf(WebhookVerificationException.class)
        .hasMessage("[acme] webhook body is signed but is not a readable event: not a JSON object");
    assertThat(dedup.size()).isZero();
    assertThatThrownBy(() -> receiver.receive(junk, headers(sign(junk), "dlv-9")))
        .as("the sender's retry is read again, not dropped as a repeat")
        .isInstanceOf(WebhookVerificationException.class);
    assertThat(parsed).hasSize(2);
  }

  @Test
  void forgetLetsTheSendersRetryThrough() {
    WebhookReceiver<String> receiver = receiver();
    assertThat(receiver.receive(BODY, headers(sign(BODY), "dlv-1"))).isPresent();

    receiver.forget("dlv-1");

    assertThat(receiver.receive(BODY, headers(sign(BODY), "dlv-1"))).isPresent();
    assertThat(receiver.receive(BODY, headers(sign(BODY), "dlv-1"))).isEmpty();
  }

  @Test
  void headerNamesInAMapMatchInAnyCase() {
    Map<String, String> lower = Map.of("x-acme-signature", sign(BODY), "x-acme-delivery", "dlv-1",
        "x-acme-event", "done");
    Map<String, String> upper = Map.of("X-ACME-SIGNATURE", sign(BODY), "X-ACME-DELIVERY", "dlv-1");
    WebhookReceiver<String> receiver = receiver();

    assertThat(receiver.receive(BODY, lower)).contains(new WebhookReceiver.Delivery<>("dlv-1", "done", "g1"));
    assertThat(receiver.receive(BODY, upper)).as("the same delivery id, however spelled").isEmpty();
  }

  @Test
  void aHeaderFunctionIsAskedForTheConfiguredNames() {
    Map<String, String> asked = new HashMap<>();
    Map<String, String> sent = headers(sign(BODY), "dlv-1");

    receiver().receive(BODY, name -> {
      asked.put(name, sent.get(name));
      return sent.get(name);
    });

    assertThat(asked).containsOnlyKeys("X-Acme-Signature", "X-Acme-Delivery", "X-Acme-Event");
  }

  @Test
  void aSharedDeduplicatorDedupesAcrossReceivers() {
    DeliveryDeduplicator dedup = new DeliveryDeduplicator(10, Duration.ofHours(1), Clock.systemUTC());

    assertThat(receiver(dedup).receive(BODY, headers(sign(BODY), "dlv-1"))).isPresent();
    assertThat(receiver(dedup).receive(BODY, headers(sign(BODY), "dlv-1"))).isEmpty();
  }

  @Test
  void toStringNamesTheVendorAndHeaderButNeverTheSecret() {
    assertThat(receiver().toString()).isEqualTo("WebhookReceiver[acme, signature header x-acme-signature]")
        .doesNotContain(SECRET.reveal());
  }

  @Test
  void requiredPartsAreChecked() {
    assertThatThrownBy(() -> WebhookReceiver.builder(null, SECRET, this::parse)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> WebhookReceiver.builder("acme", null, this::parse)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> WebhookReceiver.builder("acme", SECRET, null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> WebhookReceiver.builder("acme", SECRET, this::parse).signatureHeader(null))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> receiver().receive(null, Map.of())).isInstanceOf(NullPointerException.class);
  }

  @Test
  void receiversSharingAStoreHandleADeliveryOnceAndAStoreFailureIsTyped() {
    java.util.Set<String> seen = java.util.concurrent.ConcurrentHashMap.newKeySet();
    dev.aigw.core.shared.DeliveryIdStore shared = new dev.aigw.core.shared.DeliveryIdStore() {
      @Override
      public boolean firstDelivery(String deliveryId) {
        return seen.add(deliveryId);
      }

      @Override
      public void forget(String deliveryId) {
        seen.remove(deliveryId);
      }
    };
    WebhookReceiver.Builder<String> builder = WebhookReceiver.builder("acme", SECRET, this::parse)
        .signatureHeader("X-Acme-Signature").deliveryHeader("X-Acme-Delivery");
    WebhookReceiver<String> first = builder.deduplicator(shared).build();
    WebhookReceiver<String> second = builder.deduplicator(shared).build();
    assertThat(first.receive(BODY, headers(sign(BODY), "dlv-9"))).isPresent();
    assertThat(second.receive(BODY, headers(sign(BODY), "dlv-9"))).isEmpty();
    second.forget("dlv-9");
    assertThat(first.receive(BODY, headers(sign(BODY), "dlv-9"))).isPresent();

    WebhookReceiver<String> down = builder.deduplicator(new dev.aigw.core.shared.DeliveryIdStore() {
      @Override
      public boolean firstDelivery(String deliveryId) {
        throw new dev.aigw.core.error.SharedStateException(null, "store down", null);
      }

      @Override
      public void forget(String deliveryId) {
        throw new dev.aigw.core.error.SharedStateException(null, "store down", null);
      }
    }).build();
    assertThatThrownBy(() -> down.receive(BODY, headers(sign(BODY), "dlv-10")))
        .isInstanceOf(dev.aigw.core.error.SharedStateException.class).hasMessage("store down");
    assertThat(parsed).hasSize(2);
  }
}
