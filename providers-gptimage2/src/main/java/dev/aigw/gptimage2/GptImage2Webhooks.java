package dev.aigw.gptimage2;

import dev.aigw.core.Secret;
import dev.aigw.core.error.AigwException;
import dev.aigw.core.http.RetrySafety;
import dev.aigw.core.internal.ApiRequest;
import dev.aigw.core.internal.Checks;
import dev.aigw.core.internal.Json;
import dev.aigw.core.internal.ResponseReader;
import dev.aigw.core.internal.Transport;
import dev.aigw.core.json.RawJson;
import dev.aigw.core.webhook.DeliveryDeduplicator;
import dev.aigw.core.webhook.WebhookReceiver;
import dev.aigw.gptimage2.internal.GptImage2Wire;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * gptimage2.plus webhooks. Registration ({@code POST /api/account/webhooks}) is authenticated with
 * your browser session cookie, not the API key; the cookie is a {@link Secret} and never logged.
 * Deliveries are verified with {@link #receiver(Secret)}: HMAC-SHA256 of the raw body in {@code
 * X-Gptimg-Signature}, repeats dropped by {@code X-Gptimg-Delivery}, the body parsed into a {@link
 * GptImage2Event}.
 */
public final class GptImage2Webhooks {
  static final String PATH = "/api/account/webhooks";
  /** The events gptimage2.plus sends. */
  public static final Set<String> EVENTS = Set.of(GptImage2Event.SUCCEEDED, GptImage2Event.FAILED);
  /** The signature header. */
  public static final String SIGNATURE_HEADER = "X-Gptimg-Signature";
  /** The delivery id header. */
  public static final String DELIVERY_HEADER = "X-Gptimg-Delivery";
  /** The event header. */
  public static final String EVENT_HEADER = "X-Gptimg-Event";

  private final Transport transport;

  GptImage2Webhooks(Transport transport) {
    this.transport = transport;
  }

  /**
   * Registers an HTTPS endpoint for events.
   *
   * @param sessionCookie the {@code Cookie} header value of a logged-in session
   * @param url where deliveries go: https (plain http is accepted only for localhost)
   * @param events the events, from {@link #EVENTS}
   * @param label a name for it, or {@code null}
   * @return the webhook's id and its signing secret (shown once)
   */
  public WebhookRegistration register(Secret sessionCookie, String url, List<String> events, String label) {
    String vendor = GptImage2Client.VENDOR;
    if (sessionCookie == null) {
      throw new dev.aigw.core.error.ValidationException(vendor, "sessionCookie", "a logged-in session cookie is required");
    }
    okhttp3.HttpUrl parsed = okhttp3.HttpUrl.parse(url == null ? "" : url.strip());
    if (parsed == null || !(parsed.isHttps() || isLoopback(parsed.host()))) {
      throw new dev.aigw.core.error.ValidationException(vendor, "url",
          "must be an https URL (plain http only for localhost, for local development)");
    }
    if (events == null || events.isEmpty()) {
      throw new dev.aigw.core.error.ValidationException(vendor, "events", "accepts one or more of " + EVENTS);
    }
    for (String e : events) {
      Checks.oneOf(vendor, "events", e, EVENTS);
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("url", url);
    body.put("events", List.copyOf(events));
    if (label != null) {
      body.put("label", label);
    }
    // registering twice would make two webhooks: never retried once sent
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

  private static boolean isLoopback(String host) {
    return host.equals("localhost") || host.equals("127.0.0.1") || host.equals("::1");
  }

  /** A receiver for deliveries signed with {@code secret}, remembering 10 000 deliveries for a day. */
  public WebhookReceiver<GptImage2Event> receiver(Secret secret) {
    return receiver(secret, new DeliveryDeduplicator());
  }

  /** A receiver with your own store of seen deliveries. */
  public static WebhookReceiver<GptImage2Event> receiver(Secret secret, DeliveryDeduplicator deduplicator) {
    return WebhookReceiver.builder(GptImage2Client.VENDOR, secret, GptImage2Webhooks::parse)
        .signatureHeader(SIGNATURE_HEADER)
        .deliveryHeader(DELIVERY_HEADER)
        .eventHeader(EVENT_HEADER)
        .deduplicator(deduplicator)
        .build();
  }

  static GptImage2Event parse(String body) {
    GptImage2Wire.Event wire = Json.fromJson(body, GptImage2Wire.Event.class);
    if (wire == null || wire.event() == null || wire.data() == null) {
      throw new IllegalArgumentException("no event or data");
    }
    RawJson raw = Json.raw(Json.toJson(Json.parseTree(body) instanceof Map<?, ?> m ? m.get("data") : Map.of()));
    return new GptImage2Event(wire.event(), GptImage2Wire.generation(wire.data(), raw));
  }
}
