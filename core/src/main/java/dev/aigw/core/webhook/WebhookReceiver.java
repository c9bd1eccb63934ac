package dev.aigw.core.webhook;

import dev.aigw.core.Secret;
import dev.aigw.core.error.WebhookVerificationException;
import dev.aigw.core.shared.DeliveryIdStore;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Receives webhook deliveries: verifies the signature over the raw body, drops deliveries seen
 * before (senders retry), and parses the body into a typed event. Providers configure the header
 * names and the parser; applications call {@link #receive} from their HTTP handler:
 *
 * <pre>{@code
 * Optional<WebhookReceiver.Delivery<MyEvent>> delivery = receiver.receive(rawBody, request::getHeader);
 * delivery.ifPresent(d -> handle(d.event()));   // empty: a repeat, already handled
 * }</pre>
 *
 * <p>A delivery is remembered as soon as it verifies; if handling it fails and the sender should
 * be allowed to retry, call {@link #forget(String)} and answer with an error status. Thread-safe.
 *
 * @param <E> the event type
 */
public final class WebhookReceiver<E> {

  /**
   * One verified, first-time delivery.
   *
   * @param <E> the event type
   * @param id the delivery id, or {@code null} when the sender gave none
   * @param eventType the event type header, or {@code null}
   * @param event the parsed event
   */
  public record Delivery<E>(String id, String eventType, E event) {}

  private final String vendor;
  private final WebhookVerifier verifier;
  private final DeliveryIdStore deduplicator;
  private final Function<String, E> parser;
  private final String signatureHeader;
  private final String deliveryHeader;
  private final String eventHeader;

  private WebhookReceiver(Builder<E> b) {
    this.vendor = b.vendor;
    this.verifier = WebhookVerifier.hmacSha256(b.vendor, b.secret);
    this.deduplicator = b.deduplicator != null ? b.deduplicator : new DeliveryDeduplicator();
    this.parser = b.parser;
    this.signatureHeader = b.signatureHeader;
    this.deliveryHeader = b.deliveryHeader;
    this.eventHeader = b.eventHeader;
  }

  /**
   * A builder.
   *
   * @param vendor vendor name, for messages
   * @param secret the webhook secret
   * @param parser turns the verified body (UTF-8 text) into an event; it may throw on bad input
   * @param <E> the event type
   * @return a builder; the signature header is {@code X-Signature} unless set
   */
  public static <E> Builder<E> builder(String vendor, Secret secret, Function<String, E> parser) {
    return new Builder<>(vendor, secret, parser);
  }

  /**
   * Handles one delivery.
   *
   * @param rawBody the request body exactly as received
   * @param header looks a request header up by name (any case), e.g. {@code request::getHeader}
   * @return the delivery, or empty when its id was seen before
   * @throws WebhookVerificationException when the signature is missing or wrong, or the body is
   *     not a readable event
   * @throws dev.aigw.core.error.SharedStateException when a shared store of delivery ids fails
   *     (the delivery was not handled: answer with an error status so that the sender retries)
   */
  public Optional<Delivery<E>> receive(byte[] rawBody, Function<String, String> header) {
    Objects.requireNonNull(rawBody, "rawBody");
    verifier.verify(rawBody, header.apply(signatureHeader));
    String given = deliveryHeader == null ? null : header.apply(deliveryHeader);
    String id = given == null || given.isBlank() ? null : given.strip();
    if (id != null && !deduplicator.firstDelivery(id)) {
      return Optional.empty();
    }
    E event;
    try {
      event = parser.apply(new String(rawBody, StandardCharsets.UTF_8));
    } catch (RuntimeException e) {
      if (id != null) {
        // the sender's retry of an unreadable delivery must not be dropped as a repeat
        deduplicator.forget(id);
      }
      throw new WebhookVerificationException(vendor,
          "[" + vendor + "] webhook body is signed but is not a readable event: " + e.getMessage());
    }
    return Optional.of(new Delivery<>(id, eventHeader == null ? null : header.apply(eventHeader), event));
  }

  /**
   * {@link #receive(byte[], Function)} with the headers as a map (names in any case).
   *
   * @param rawBody the request body exactly as received
   * @param headers the request headers
   * @return the delivery, or empty when its id was seen before
   * @throws WebhookVerificationException when the signature is missing or wrong, or the body is
   *     not a readable event
   */
  public Optional<Delivery<E>> receive(byte[] rawBody, Map<String, String> headers) {
    Map<String, String> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    byName.putAll(headers);
    return receive(rawBody, byName::get);
  }

  /**
   * Forgets a delivery id, so that the sender's retry of it is handled again.
   *
   * @param deliveryId the id of the delivery whose handling failed
   */
  public void forget(String deliveryId) {
    deduplicator.forget(deliveryId);
  }

  @Override
  public String toString() {
    return "WebhookReceiver[" + vendor + ", signature header " + signatureHeader.toLowerCase(Locale.ROOT) + "]";
  }

  /**
   * Builds {@link WebhookReceiver}.
   *
   * @param <E> the event type
   */
  public static final class Builder<E> {
    private final String vendor;
    private final Secret secret;
    private final Function<String, E> parser;
    private String signatureHeader = "X-Signature";
    private String deliveryHeader;
    private String eventHeader;
    private DeliveryIdStore deduplicator;

    private Builder(String vendor, Secret secret, Function<String, E> parser) {
      this.vendor = Objects.requireNonNull(vendor, "vendor");
      this.secret = Objects.requireNonNull(secret, "secret");
      this.parser = Objects.requireNonNull(parser, "parser");
    }

    /**
     * The header carrying the hex HMAC-SHA256 signature.
     *
     * @param name the header name; not null
     * @return this builder
     */
    public Builder<E> signatureHeader(String name) {
      this.signatureHeader = Objects.requireNonNull(name, "name");
      return this;
    }

    /**
     * The header carrying the delivery id used for deduplication.
     *
     * @param name the header name, or {@code null} for no deduplication
     * @return this builder
     */
    public Builder<E> deliveryHeader(String name) {
      this.deliveryHeader = name;
      return this;
    }

    /**
     * The header carrying the event type.
     *
     * @param name the header name, or {@code null}
     * @return this builder
     */
    public Builder<E> eventHeader(String name) {
      this.eventHeader = name;
      return this;
    }

    /**
     * The store of seen delivery ids (by default 10 000 ids for 24 hours, in memory).
     *
     * @param deduplicator the store, or {@code null} for a new in-memory one
     * @return this builder
     */
    public Builder<E> deduplicator(DeliveryDeduplicator deduplicator) {
      this.deduplicator = deduplicator;
      return this;
    }

    /**
     * The store of seen delivery ids, shared by every instance that receives this webhook when it
     * is a shared store ({@code SharedState.deliveries()}): a delivery retried to another instance
     * is then dropped there too. When the store fails, {@link WebhookReceiver#receive} throws its
     * {@link dev.aigw.core.error.SharedStateException} (answer with an error status: the sender
     * retries).
     *
     * @param store the store, or {@code null} for a new in-memory one
     * @return this builder
     */
    public Builder<E> deduplicator(DeliveryIdStore store) {
      this.deduplicator = store;
      return this;
    }

    /** {@return the receiver} */
    public WebhookReceiver<E> build() {
      return new WebhookReceiver<>(this);
    }
  }
}
