package dev.aigw.examples;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import dev.aigw.core.Secret;
import dev.aigw.core.error.WebhookVerificationException;
import dev.aigw.core.image.ImageRequest;
import dev.aigw.core.image.ImageResult;
import dev.aigw.core.image.Quality;
import dev.aigw.core.operation.Operation;
import dev.aigw.core.webhook.WebhookReceiver;
import dev.aigw.gptimage2.GptImage2Client;
import dev.aigw.gptimage2.GptImage2Event;
import dev.aigw.gptimage2.GptImage2Webhooks;
import dev.aigw.gptimage2.WebhookRegistration;
import dev.aigw.testkit.FakeGptImage2;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A webhook endpoint for gptimage2.plus: a local HTTP server (the JDK's {@code
 * com.sun.net.httpserver}, on 127.0.0.1) whose handler gives each delivery's raw body and headers
 * to the SDK's {@link WebhookReceiver}, which checks the HMAC-SHA256 signature in {@code
 * X-Gptimg-Signature}, drops a repeat of a delivery id already handled ({@code X-Gptimg-Delivery};
 * senders retry) and parses the event. The program then submits a generation, prints the verified
 * {@code generation.succeeded} event when it arrives, saves the image as {@code
 * aigw-output/gptimage2-webhook.png}, shows the same delivery sent again being ignored, and shows a
 * tampered copy (body changed, signature kept) being rejected with 400.
 *
 * <p>Offline (no {@code GPTIMAGE2_API_KEY}) the embedded fake registers the endpoint and delivers
 * real signed callbacks to it. Live, gptimage2.plus must reach the endpoint: register a webhook
 * for a public https URL that forwards to {@code http://127.0.0.1:8787/webhooks/gptimage2} (a
 * tunnel, say; {@code WEBHOOK_PORT} changes the port), and give its signing secret in {@code
 * GPTIMAGE2_WEBHOOK_SECRET}. Run it with:
 *
 * <pre>
 * mvn -B -q -DskipTests -Drun-examples -Dexample=dev.aigw.examples.WebhookEndpoint package
 * </pre>
 */
public final class WebhookEndpoint {
  private WebhookEndpoint() {}

  /** The endpoint's path. */
  static final String PATH = "/webhooks/gptimage2";
  /** The port the endpoint listens on when live, unless {@code WEBHOOK_PORT} says otherwise. */
  static final int DEFAULT_LIVE_PORT = 8787;
  /** The variable holding the signing secret of the webhook registered for the live endpoint. */
  static final String SECRET_VARIABLE = "GPTIMAGE2_WEBHOOK_SECRET";

  /** Receives, verifies and dedupes webhook deliveries. */
  public static void main(String[] args) {
    Program.run("WebhookEndpoint", (env, output, out) -> run(env, output, out, Duration.ofMinutes(10)));
  }

  /** What the endpoint did with one delivery. */
  enum Outcome {
    /** Signature valid, first delivery: handled. */
    VERIFIED,
    /** Signature valid, delivery id seen before: ignored. */
    REPEAT,
    /** Signature missing or wrong, or the body unreadable: refused with 400. */
    REJECTED
  }

  /** One delivery as the endpoint received it. */
  record Received(Outcome outcome, byte[] body, Map<String, String> headers) {}

  /**
   * Starts the endpoint, gets one generation's webhook, and replays and tampers with it.
   *
   * @param wait how long to wait for the generation and for its delivery
   * @throws IllegalStateException when a delivery is not handled as expected, or does not come
   */
  static void run(Map<String, String> env, Path output, PrintStream out, Duration wait)
      throws IOException, InterruptedException {
    try (Gateway gateway = Gateway.open("gptimage2", env, out)) {
      GptImage2Client client = gateway.client(GptImage2Client.class);
      Optional<FakeGptImage2> fake = gateway.fake(FakeGptImage2.class);
      int port = fake.isPresent() ? 0 : port(env);
      HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
      server.start();
      try {
        String url = "http://127.0.0.1:" + server.getAddress().getPort() + PATH;
        Secret secret;
        if (fake.isPresent()) {
          WebhookRegistration registration = client.webhooks().register(fake.get().sessionCookie(), url,
              GptImage2Webhooks.EVENTS, "aigw example");
          secret = registration.secret();
          out.println("registered webhook " + registration.id() + " for " + url + " (signing secret "
              + secret.masked() + ", shown only once)");
        } else {
          secret = secret(env);
          out.println("listening on " + url + "; gptimage2.plus reaches it through the https URL you registered"
              + " (signing secret from " + SECRET_VARIABLE + ", " + secret.masked() + ")");
        }
        Endpoint endpoint = new Endpoint(client.webhooks().receiver(secret), out);
        server.createContext(PATH, endpoint);

        Operation<ImageResult> generation = client.images().submit(ImageRequest.builder()
            .prompt("A red kite above green hills")
            .size(1024, 1024)
            .quality(Quality.LOW)
            .build());
        ImageResult result = generation.waitForCompletion(wait);
        out.println("generation " + generation.id() + ": " + generation.status());
        Received delivered = endpoint.expect(Outcome.VERIFIED, wait);
        Path file = OutputFiles.saveImage(result.first(), output, "gptimage2-webhook");
        out.println("saved " + file + " (" + OutputFiles.size(file) + ")");

        if (fake.isPresent()) {
          out.println("the sender retries the same delivery:");
          fake.get().redeliverLast();
        } else {
          out.println("sending the same delivery again, as a sender's retry would:");
          post(url, delivered.body(), delivered.headers());
        }
        endpoint.expect(Outcome.REPEAT, Duration.ofSeconds(30));

        out.println("sending a tampered copy (body changed, signature kept, new delivery id):");
        Map<String, String> headers = new LinkedHashMap<>(delivered.headers());
        headers.put(GptImage2Webhooks.DELIVERY_HEADER, UUID.randomUUID().toString());
        int status = post(url, tamper(delivered.body()), headers);
        endpoint.expect(Outcome.REJECTED, Duration.ofSeconds(30));
        out.println("the tampered delivery was answered " + status);
        out.println("done: 1 delivery verified, 1 repeat ignored, 1 tampered delivery rejected");
      } finally {
        server.stop(0);
      }
    }
  }

  /** The endpoint: hands each delivery to the receiver, answers 200 or 400, and reports what it did. */
  static final class Endpoint implements HttpHandler {
    private final WebhookReceiver<GptImage2Event> receiver;
    private final PrintStream out;
    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();

    Endpoint(WebhookReceiver<GptImage2Event> receiver, PrintStream out) {
      this.receiver = receiver;
      this.out = out;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
      try {
        // the raw bytes, exactly as received: the signature is over them, not over parsed JSON
        byte[] body = exchange.getRequestBody().readAllBytes();
        Map<String, String> headers = new LinkedHashMap<>();
        for (String name : new String[] {GptImage2Webhooks.SIGNATURE_HEADER, GptImage2Webhooks.DELIVERY_HEADER,
            GptImage2Webhooks.EVENT_HEADER}) {
          String value = exchange.getRequestHeaders().getFirst(name);
          if (value != null) {
            headers.put(name, value);
          }
        }
        Outcome outcome;
        int status;
        try {
          Optional<WebhookReceiver.Delivery<GptImage2Event>> delivery =
              receiver.receive(body, exchange.getRequestHeaders()::getFirst);
          if (delivery.isPresent()) {
            GptImage2Event event = delivery.get().event();
            out.println("verified: " + event.event() + " for generation " + event.generation().id() + " ("
                + event.generation().status() + ", " + event.generation().outputs().size() + " image), delivery "
                + delivery.get().id());
            outcome = Outcome.VERIFIED;
          } else {
            out.println("repeat: delivery " + headers.get(GptImage2Webhooks.DELIVERY_HEADER)
                + " was handled already; answered 200 and ignored");
            outcome = Outcome.REPEAT;
          }
          status = 200;
        } catch (WebhookVerificationException e) {
          out.println("rejected: " + e.getMessage());
          outcome = Outcome.REJECTED;
          status = 400;
        }
        exchange.sendResponseHeaders(status, -1);
        received.add(new Received(outcome, body, headers));
      } catch (RuntimeException e) {
        out.println("the endpoint failed: " + Program.reason(e));
        exchange.sendResponseHeaders(500, -1);
      } finally {
        exchange.close();
      }
    }

    /**
     * Waits for the next delivery and checks what was done with it.
     *
     * @throws IllegalStateException when none comes in time or it was handled otherwise
     */
    Received expect(Outcome expected, Duration wait) throws InterruptedException {
      Received next = received.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
      if (next == null) {
        throw new IllegalStateException("no webhook delivery arrived within " + wait.toSeconds() + " s");
      }
      if (next.outcome() != expected) {
        throw new IllegalStateException("expected a delivery to be " + expected + ", but it was " + next.outcome());
      }
      return next;
    }
  }

  private static int port(Map<String, String> env) {
    String value = env.get("WEBHOOK_PORT");
    if (value == null || value.isBlank()) {
      return DEFAULT_LIVE_PORT;
    }
    try {
      return Integer.parseInt(value.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("WEBHOOK_PORT must be a port number, was '" + value + "'");
    }
  }

  private static Secret secret(Map<String, String> env) {
    String value = env.get(SECRET_VARIABLE);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException("set " + SECRET_VARIABLE + " to the signing secret (whsec_…) of a webhook"
          + " registered for a public https URL that forwards to this endpoint");
    }
    return Secret.of(value);
  }

  /** The body with its status words changed, so that it no longer matches its signature. */
  static byte[] tamper(byte[] body) {
    String text = new String(body, StandardCharsets.UTF_8);
    String changed = text.replace("succeeded", "failed");
    return (changed.equals(text) ? text + " " : changed).getBytes(StandardCharsets.UTF_8);
  }

  private static int post(String url, byte[] body, Map<String, String> headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
        .timeout(Duration.ofSeconds(10))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    headers.forEach(request::header);
    return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
  }
}
