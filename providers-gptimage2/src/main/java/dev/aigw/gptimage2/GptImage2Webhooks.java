package dev.aigw.gptimage2;

import dev.aigw.core.Secret;
import dev.aigw.core.error.AigwException;
import dev.aigw.core.error.ValidationException;
import dev.aigw.core.http.RetrySafety;
import dev.aigw.core.json.RawJson;
import dev.aigw.core.spi.ApiRequest;
import dev.aigw.core.spi.Checks;
import dev.aigw.core.spi.Gateway;
import dev.aigw.core.spi.ResponseReader;
import dev.aigw.core.shared.DeliveryIdStore;
import dev.aigw.core.webhook.DeliveryDeduplicator;
import dev.aigw.core.webhook.WebhookReceiver;
import dev.aigw.gptimage2.internal.GptImage2Wire;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * gptimage2.plus webhooks. Registration ({@code POST /api/account/webhooks}) is authenticated with
 * your browser session cookie, not the API key; the cookie is a {@link Secret} and never logged.
 * Deliveries are verified with {@link #receiver(Secret)}: HMAC-SHA256 of the raw body in {@code
 * X-Gptimg-Signature}, repeats dropped by {@code X-Gptimg-Delivery}, the body parsed into a {@link
 * GptImage2Event}.
 */
public final class GptImage2Webhooks {
  private static final Checks CHECKS = Checks.of(GptImage2Client.VENDOR);
  static final String PATH = "/api/account/webhooks";
  /** The events gptimage2.plus sends. */
  public static final List<String> EVENTS = List.of(GptImage2Event.SUCCEEDED, GptImage2Event.FAILED);
  /** The signature header. */
  public static final String SIGNATURE_HEADER = "X-Gptimg-Signature";
  /** The delivery id header. */
  public static final String DELIVERY_HEADER = "X-Gptimg-Delivery";
  /** The event header. */
  public static final String EVENT_HEADER = "X-Gptimg-Event";

  private final Gateway transport;

  GptImage2Webhooks(Gateway transport) {
    this.transport = transport;
  }

  /**
   * Registers an HTTPS endpoint for events, on {@code POST /api/account/webhooks}. It is
   * authenticated by the session cookie alone (no API key is sent) and never retried once sent,
   * since a second registration would make a second webhook.
   *
   * @param sessionCookie the {@code Cookie} header value of a logged-in gptimage2.plus session
   * @param url where deliveries go: https (plain http only for localhost)
   * @param events one or more of {@link #EVENTS}
   * @param label a name for it, or {@code null}
   * @return the webhook's id and its signing secret ({@code whsec_…}), which gptimage2.plus shows
   *     only this once
   * @throws ValidationException on a missing cookie, a URL that is not https, or an unknown event,
   *     before anything is sent
   * @throws dev.aigw.core.error.AuthenticationException when the session is not logged in
   */
  public WebhookRegistration register(Secret sessionCookie, String url, List<String> events, String label) {
    String vendor = GptImage2Client.VENDOR;
    if (sessionCookie == null) {
      throw CHECKS.invalid("sessionCookie", "a logged-in session cookie is required");
    }
    String endpoint = CHECKS.httpsUrl("url", url);
    if (events == null || events.isEmpty()) {
      throw CHECKS.invalid("events", "accepts one or more of " + String.join(", ", EVENTS));
    }
    for (String e : events) {
      CHECKS.oneOf("events", e, EVENTS);
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("url", endpoint);
    body.put("events", List.copyOf(events));
    if (label != null) {
      body.put("label", label);
    }
    ApiRequest call = ApiRequest.post(PATH, RetrySafety.UNPROTECTED).authenticated(false)
        .header("Cookie", sessionCookie.reveal()).json(body).build();
    RawJson answer = transport.execute(call, ResponseReader.rawJson()).body();
    String id = answer.getString("id");
    String secret = answer.getString("secret");
    if (id == null || secret == null || secret.isBlank()) {
      throw new AigwException(vendor, "[" + vendor + "] the webhook registration answer has no id or secret", null);
    }
    return new WebhookRegistration(id, Secret.of(secret));
  }

  /**
   * A receiver for deliveries signed with {@code secret}, remembering 10 000 delivery ids for a
   * day. Call it from your HTTP handler with the raw body, before anything parses it:
   *
   * <pre>{@code
   * WebhookReceiver<GptImage2Event> receiver = gptimage2.webhooks().receiver(secret);
   * try {
   *   receiver.receive(rawBody, request::getHeader).ifPresent(d -> handle(d.event()));
   *   return 200;                       // empty: a repeat of a delivery already handled
   * } catch (WebhookVerificationException e) {
   *   return 400;                       // tampered, unsigned, or signed with another secret
   * }
   * }</pre>
   *
   * @param secret the signing secret ({@code whsec_…}) shown at registration
   * @return the receiver
   */
  public WebhookReceiver<GptImage2Event> receiver(Secret secret) {
    return receiver(secret, new DeliveryDeduplicator());
  }

  /**
   * A receiver with your own store of seen deliveries (share one between receivers, or give each
   * process its own bounds).
   *
   * @param secret the signing secret ({@code whsec_…}) shown at registration
   * @param deduplicator the store of seen delivery ids
   * @return the receiver
   */
  public static WebhookReceiver<GptImage2Event> receiver(Secret secret, DeliveryDeduplicator deduplicator) {
    return WebhookReceiver.builder(GptImage2Client.VENDOR, secret, GptImage2Webhooks::parse)
        .signatureHeader(SIGNATURE_HEADER)
        .deliveryHeader(DELIVERY_HEADER)
        .eventHeader(EVENT_HEADER)
        .deduplicator(deduplicator)
        .build();
  }

  /**
   * A receiver whose seen deliveries are in {@code store}: with a shared store ({@code
   * sharedState.deliveries()}, e.g. aigw-redis's), a delivery retried to another instance of the
   * application is dropped there as a repeat.
   *
   * @param secret the signing secret ({@code whsec_…}) shown at registration
   * @param store the store of seen delivery ids
   * @return the receiver
   */
  public static WebhookReceiver<GptImage2Event> receiver(Secret secret, DeliveryIdStore store) {
    return WebhookReceiver.builder(GptImage2Client.VENDOR, secret, GptImage2Webhooks::parse)
        .signatureHeader(SIGNATURE_HEADER)
        .deliveryHeader(DELIVERY_HEADER)
        .eventHeader(EVENT_HEADER)
        .deduplicator(store)
        .build();
  }

  static GptImage2Event parse(String body) {
    return GptImage2Wire.event(body);
  }
}
