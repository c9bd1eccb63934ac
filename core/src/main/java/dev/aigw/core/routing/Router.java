package dev.aigw.core.routing;

import dev.aigw.core.AiClient;
import dev.aigw.core.Capability;
import dev.aigw.core.chat.ChatRequest;
import dev.aigw.core.chat.ChatResponse;
import dev.aigw.core.chat.ChatService;
import dev.aigw.core.chat.ChatStream;
import dev.aigw.core.error.AigwException;
import dev.aigw.core.error.UnsupportedCapabilityException;
import dev.aigw.core.error.ValidationException;
import dev.aigw.core.http.RawResponse;
import dev.aigw.core.image.ImageRequest;
import dev.aigw.core.image.ImageResult;
import dev.aigw.core.image.ImageService;
import dev.aigw.core.model.ModelInfo;
import dev.aigw.core.model.ModelService;
import dev.aigw.core.operation.Operation;
import dev.aigw.core.profile.CheckResult;
import dev.aigw.core.profile.GatewayProfile;
import dev.aigw.core.profile.Refusal;
import dev.aigw.core.video.VideoRequest;
import dev.aigw.core.video.VideoResult;
import dev.aigw.core.video.VideoService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An {@link AiClient} over an ordered list of clients that sends each request to the first
 * gateway that takes it, and moves it on to the next only when the failed attempt certainly did
 * no paid work. Build one with {@link dev.aigw.core.AiClients#router()}:
 *
 * <pre>{@code
 * AiClient images = AiClients.router()
 *     .add(AiClients.fromEnv("icodeeasy"))
 *     .add(AiClients.fromEnv("gptimagehub"))
 *     .build();
 * ImageResult result = images.images().generate(request);       // icodeeasy, or GPTImageHub if it cannot
 * }</pre>
 *
 * <p>For each request, in order, a gateway is <b>skipped</b> when it lacks the capability or is
 * cooling down (after {@code failuresInARow} failures in a row it is left out for the cool-down,
 * then tried again), <b>refused</b> when its {@link AiClient#check check(request)} finds a reason
 * to refuse (nothing is sent), and otherwise <b>tried</b>. A failure moves the request on only
 * when it certainly did no paid work:
 *
 * <ul>
 *   <li>refused before sending ({@code ValidationException}), 401, 402, 403, 408, or 429 after the
 *       client's retries;
 *   <li>a 5xx on a call its vendor documents as not charged when it fails (icodeeasy,
 *       GPTImageHub; never a 504), by the call's own {@link dev.aigw.core.http.RetrySafety};
 *   <li>a connection that failed before the request was sent ({@link
 *       dev.aigw.core.error.ConnectionException#requestSent()});
 *   <li>with {@code generate}: a task that failed at a vendor that does not charge failed tasks
 *       ({@link GatewayProfile#failedTasksRefunded()}).
 * </ul>
 *
 * <p>It stops, and throws, after anything that may have been charged — a timeout or a cut after
 * the request was sent, a 5xx or a failed task at a vendor that documents no refund (CheapSub,
 * CloudGPT), a 504 — unless built with {@link Builder#moveOnWhenChargeUncertain(boolean)}; after a
 * content-policy refusal unless built with {@link Builder#moveOnAfterContentPolicy(boolean)}; and
 * after other 4xx answers about the request itself. A stream moves on only while it is being
 * opened, never once it has started. The exception thrown is the deciding failure itself (its
 * type and message unchanged), with the whole {@link Routing} attached ({@link #routing(Throwable)}).
 *
 * <p>Operations carry their gateway in their id ({@code icodeeasy:<task id>}), so {@code
 * images().resume(id)} reaches the right gateway, also from a new router after a restart. {@link
 * RouterChatService#createRouted}, {@link RouterImageService#submitRouted} and the other
 * {@code …Routed} methods say which gateway served a request. Thread-safe; closing the router
 * closes its clients.
 */
public final class Router implements AiClient {
  private static final Logger LOG = LoggerFactory.getLogger("dev.aigw.router");

  private final List<Route> routes;
  private final boolean whenChargeUncertain;
  private final boolean afterContentPolicy;
  private final int failuresInARow;
  private final Duration cooldown;
  private final Clock clock;
  private final String vendor;
  private final Set<Capability> capabilities;
  private final RouterChatService chat = new RouterChatService();
  private final RouterImageService images = new RouterImageService();
  private final RouterVideoService videos = new RouterVideoService();
  private final RouterModelService models = new RouterModelService();

  private Router(Builder b) {
    this.routes = List.copyOf(b.routes);
    this.whenChargeUncertain = b.whenChargeUncertain;
    this.afterContentPolicy = b.afterContentPolicy;
    this.failuresInARow = b.failuresInARow;
    this.cooldown = b.cooldown;
    this.clock = b.clock;
    Set<String> vendors = new LinkedHashSet<>();
    EnumSet<Capability> offered = EnumSet.noneOf(Capability.class);
    for (Route r : routes) {
      vendors.add(r.client.vendor());
      offered.addAll(r.client.capabilities());
    }
    this.vendor = String.join("+", vendors);
    this.capabilities = Collections.unmodifiableSet(offered);
  }

  /**
   * A new builder.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The routing story attached to a failure a router threw.
   *
   * @param failure what the router threw
   * @return every attempt, or empty when the failure did not come from a router
   */
  public static Optional<Routing> routing(Throwable failure) {
    if (failure == null) {
      return Optional.empty();
    }
    for (Throwable s : failure.getSuppressed()) {
      if (s instanceof RoutingFailure r) {
        return Optional.of(r.routing());
      }
    }
    return Optional.empty();
  }

  /** The vendors of the routes, joined by {@code +} ({@code icodeeasy+gptimagehub}); one route's vendor alone. */
  @Override
  public String vendor() {
    return vendor;
  }

  /** What any route offers. */
  @Override
  public Set<Capability> capabilities() {
    return capabilities;
  }

  /**
   * The router's own profile: its capabilities only (each route states its own: {@link
   * #profiles()}).
   */
  @Override
  public GatewayProfile profile() {
    return GatewayProfile.of(vendor, capabilities);
  }

  /**
   * Each route's profile, by route name, in order.
   *
   * @return the profiles
   */
  public Map<String, GatewayProfile> profiles() {
    Map<String, GatewayProfile> out = new LinkedHashMap<>();
    routes.forEach(r -> out.put(r.name, r.client.profile()));
    return Collections.unmodifiableMap(out);
  }

  /**
   * The routes' names, in order.
   *
   * @return the names
   */
  public List<String> routes() {
    return routes.stream().map(r -> r.name).toList();
  }

  /**
   * The first route's result that accepts the request; when none does, every route's refusals.
   */
  @Override
  public CheckResult check(ChatRequest request) {
    return checkAll(Capability.CHAT, c -> c.check(request));
  }

  /**
   * The first route's result that accepts the request; when none does, every route's refusals.
   */
  @Override
  public CheckResult check(ImageRequest request) {
    return checkAll(Capability.IMAGES, c -> c.check(request));
  }

  /**
   * The first route's result that accepts the request; when none does, every route's refusals.
   */
  @Override
  public CheckResult check(VideoRequest request) {
    return checkAll(Capability.VIDEOS, c -> c.check(request));
  }

  private CheckResult checkAll(Capability needed, Function<AiClient, CheckResult> check) {
    List<Refusal> refusals = new ArrayList<>();
    for (Route r : routes) {
      CheckResult result = r.client.supports(needed) ? check.apply(r.client)
          : CheckResult.refused(Refusal.unsupported(r.client.vendor(), needed));
      if (result.accepted()) {
        return result;
      }
      refusals.addAll(result.refusals());
    }
    return new CheckResult(vendor, refusals, List.of());
  }

  @Override
  public RouterChatService chat() {
    if (!supports(Capability.CHAT)) {
      throw new UnsupportedCapabilityException(vendor, Capability.CHAT);
    }
    return chat;
  }

  @Override
  public RouterImageService images() {
    if (!supports(Capability.IMAGES)) {
      throw new UnsupportedCapabilityException(vendor, Capability.IMAGES);
    }
    return images;
  }

  @Override
  public RouterVideoService videos() {
    if (!supports(Capability.VIDEOS)) {
      throw new UnsupportedCapabilityException(vendor, Capability.VIDEOS);
    }
    return videos;
  }

  @Override
  public ModelService models() {
    if (!supports(Capability.MODELS)) {
      throw new UnsupportedCapabilityException(vendor, Capability.MODELS);
    }
    return models;
  }

  /** Closes every route's client. */
  @Override
  public void close() {
    for (Route r : routes) {
      try {
        r.client.close();
      } catch (RuntimeException e) {
        LOG.warn("[{}] closing route {} failed", vendor, r.name, e);
      }
    }
  }

  /** The routes, in order; never a credential. */
  @Override
  public String toString() {
    return "Router[" + routes.stream().map(r -> r.name + "=" + r.client).collect(Collectors.joining(", ")) + "]";
  }

  // ----- routing -----

  /** One attempt's work; {@code accepted} is set once the gateway took the work as a task. */
  @FunctionalInterface
  private interface Call<T> {
    T run(AiClient client, boolean[] accepted);
  }

  private <T> Routed<T> route(Capability needed, Function<AiClient, CheckResult> check, Call<T> call) {
    List<Attempt> attempts = new ArrayList<>();
    RuntimeException lastFailure = null;
    ValidationException firstRefusal = null;
    boolean anyOffers = false;
    for (Route r : routes) {
      String v = r.client.vendor();
      if (!r.client.supports(needed)) {
        attempts.add(new Attempt(r.name, v, Attempt.Outcome.SKIPPED, v + " does not offer " + needed.description(), null));
        continue;
      }
      anyOffers = true;
      Instant until = r.coolingUntil(clock.instant());
      if (until != null) {
        attempts.add(new Attempt(r.name, v, Attempt.Outcome.SKIPPED, "cooling down after " + failuresInARow
            + " failures in a row, until " + until, null));
        continue;
      }
      CheckResult verdict = check.apply(r.client);
      if (!verdict.accepted()) {
        attempts.add(new Attempt(r.name, v, Attempt.Outcome.REFUSED, "would refuse it: "
            + String.join("; ", verdict.messages()), null));
        if (firstRefusal == null) {
          firstRefusal = verdict.refusals().get(0).toException();
        }
        continue;
      }
      boolean[] accepted = {false};
      try {
        T value = call.run(r.client, accepted);
        r.succeeded();
        attempts.add(new Attempt(r.name, v, Attempt.Outcome.SERVED, "served", null));
        if (attempts.size() > 1) {
          LOG.info("[{}] served by {} after {}", vendor, r.name, attempts.subList(0, attempts.size() - 1));
        }
        return new Routed<>(value, new Routing(attempts));
      } catch (RuntimeException e) {
        MoveOn.Decision d = MoveOn.decide(e, accepted[0], r.client.profile(), whenChargeUncertain, afterContentPolicy);
        if (d.gatewayFault()) {
          r.failed(clock.instant(), failuresInARow, cooldown);
        }
        if (!d.moveOn()) {
          attempts.add(new Attempt(r.name, v, Attempt.Outcome.STOPPED, d.reason(), e));
          throw traced(e, attempts);
        }
        attempts.add(new Attempt(r.name, v, Attempt.Outcome.MOVED_ON, d.reason(), e));
        LOG.info("[{}] {} failed; moving on: {}", vendor, r.name, d.reason());
        lastFailure = e;
      }
    }
    if (lastFailure != null) {
      throw traced(lastFailure, attempts);
    }
    if (firstRefusal != null) {
      throw traced(firstRefusal, attempts);
    }
    if (!anyOffers) {
      throw traced(new UnsupportedCapabilityException(vendor, needed), attempts);
    }
    throw traced(new AigwException(vendor, "[" + vendor + "] no gateway could take the request: every one that offers "
        + needed.description() + " is cooling down", null), attempts);
  }

  private RuntimeException traced(RuntimeException failure, List<Attempt> attempts) {
    failure.addSuppressed(new RoutingFailure(vendor, new Routing(attempts)));
    return failure;
  }

  private Route route(String operationId) {
    String name = operationId == null ? "" : operationId.strip();
    int colon = name.indexOf(':');
    String routeName = colon < 0 ? name : name.substring(0, colon);
    for (Route r : routes) {
      if (r.name.equals(routeName) && colon > 0 && colon < name.length() - 1) {
        return r;
      }
    }
    throw new ValidationException(vendor, "operationId", "a router's operation id is <route>:<id>, where the route is one"
        + " of " + String.join(", ", routes()) + "; was '" + operationId + "'");
  }

  private static String innerId(String operationId) {
    String id = operationId.strip();
    return id.substring(id.indexOf(':') + 1);
  }

  private String routedId(String routeName, String id) {
    return routeName + ":" + id;
  }

  private String routeNameOf(AiClient client) {
    for (Route r : routes) {
      if (r.client == client) {
        return r.name;
      }
    }
    throw new IllegalStateException("not a route's client");
  }

  // ----- services -----

  /** Chat through the router. Thread-safe. */
  public final class RouterChatService implements ChatService {
    private final Raw raw = request -> route(Capability.CHAT, c -> c.check(request),
        (c, accepted) -> c.chat().withRawResponse().create(request)).value();

    private RouterChatService() {}

    /**
     * {@link #create} with how it was routed.
     *
     * @param request the request
     * @return the reply and the routing
     */
    public Routed<ChatResponse> createRouted(ChatRequest request) {
      return route(Capability.CHAT, c -> c.check(request), (c, accepted) -> c.chat().create(request));
    }

    @Override
    public ChatResponse create(ChatRequest request) {
      return createRouted(request).value();
    }

    /**
     * {@link #stream} with how it was routed; the stream moves on only while it is being opened.
     *
     * @param request the request
     * @return the open stream and the routing
     */
    public Routed<ChatStream> streamRouted(ChatRequest request) {
      return route(Capability.CHAT_STREAMING, c -> c.check(request), (c, accepted) -> c.chat().stream(request));
    }

    @Override
    public ChatStream stream(ChatRequest request) {
      return streamRouted(request).value();
    }

    @Override
    public Raw withRawResponse() {
      return raw;
    }
  }

  /** Images through the router; operation ids carry their route. Thread-safe. */
  public final class RouterImageService implements ImageService {
    private final Raw raw = request -> {
      Routed<RawResponse<Operation<ImageResult>>> r = route(Capability.IMAGES, c -> c.check(request),
          (c, accepted) -> c.images().withRawResponse().submit(request));
      return r.value().withBody(r.value().body().withId(routedId(r.servedBy(), r.value().body().id())));
    };

    private RouterImageService() {}

    /**
     * {@link #submit} with how it was routed.
     *
     * @param request the request
     * @return the operation (its id names the route) and the routing
     */
    public Routed<Operation<ImageResult>> submitRouted(ImageRequest request) {
      Routed<Operation<ImageResult>> r = route(Capability.IMAGES, c -> c.check(request),
          (c, accepted) -> c.images().submit(request));
      return new Routed<>(r.value().withId(routedId(r.servedBy(), r.value().id())), r.routing());
    }

    @Override
    public Operation<ImageResult> submit(ImageRequest request) {
      return submitRouted(request).value();
    }

    /**
     * Submits and waits, up to {@code timeout} per gateway; a task that fails at a gateway that
     * does not charge failed tasks moves on to the next.
     *
     * @param request the request
     * @param timeout the longest wait at one gateway
     * @return the result and the routing
     */
    public Routed<ImageResult> generateRouted(ImageRequest request, Duration timeout) {
      return waitedFor(request, timeout);
    }

    /** Submits and waits, up to {@code timeout} per gateway or, when {@code null}, each gateway's default. */
    private Routed<ImageResult> waitedFor(ImageRequest request, Duration timeout) {
      return route(Capability.IMAGES, c -> c.check(request), (c, accepted) -> {
        Operation<ImageResult> op = c.images().submit(request);
        accepted[0] = true;
        Operation<ImageResult> routed = op.withId(routedId(routeNameOf(c), op.id()));
        return timeout == null ? routed.waitForCompletion() : routed.waitForCompletion(timeout);
      });
    }

    /** Submits and waits; a task that fails where failed tasks are not charged moves on. */
    @Override
    public ImageResult generate(ImageRequest request, Duration timeout) {
      return generateRouted(request, timeout).value();
    }

    /** Submits and waits, up to each gateway's default; a task that fails where failed tasks are not charged moves on. */
    @Override
    public ImageResult generate(ImageRequest request) {
      return waitedFor(request, null).value();
    }

    /**
     * Resumes an operation by the id a router gave it ({@code <route>:<id>}), at its route.
     *
     * @throws ValidationException when the id names no route of this router
     */
    @Override
    public Operation<ImageResult> resume(String operationId) {
      Route r = route(operationId);
      return r.client.images().resume(innerId(operationId)).withId(operationId.strip());
    }

    @Override
    public Raw withRawResponse() {
      return raw;
    }
  }

  /** Videos through the router; operation ids carry their route. Thread-safe. */
  public final class RouterVideoService implements VideoService {
    private final Raw raw = request -> {
      Routed<RawResponse<Operation<VideoResult>>> r = route(Capability.VIDEOS, c -> c.check(request),
          (c, accepted) -> c.videos().withRawResponse().submit(request));
      return r.value().withBody(r.value().body().withId(routedId(r.servedBy(), r.value().body().id())));
    };

    private RouterVideoService() {}

    /**
     * {@link #submit} with how it was routed.
     *
     * @param request the request
     * @return the operation (its id names the route) and the routing
     */
    public Routed<Operation<VideoResult>> submitRouted(VideoRequest request) {
      Routed<Operation<VideoResult>> r = route(Capability.VIDEOS, c -> c.check(request),
          (c, accepted) -> c.videos().submit(request));
      return new Routed<>(r.value().withId(routedId(r.servedBy(), r.value().id())), r.routing());
    }

    @Override
    public Operation<VideoResult> submit(VideoRequest request) {
      return submitRouted(request).value();
    }

    /**
     * Submits and waits, up to {@code timeout} per gateway; a task that fails at a gateway that
     * does not charge failed tasks moves on to the next.
     *
     * @param request the request
     * @param timeout the longest wait at one gateway
     * @return the result and the routing
     */
    public Routed<VideoResult> generateRouted(VideoRequest request, Duration timeout) {
      return route(Capability.VIDEOS, c -> c.check(request), (c, accepted) -> {
        Operation<VideoResult> op = c.videos().submit(request);
        accepted[0] = true;
        return op.withId(routedId(routeNameOf(c), op.id())).waitForCompletion(timeout);
      });
    }

    /** Submits and waits; a task that fails where failed tasks are not charged moves on. */
    @Override
    public VideoResult generate(VideoRequest request, Duration timeout) {
      return generateRouted(request, timeout).value();
    }

    /**
     * Resumes an operation by the id a router gave it ({@code <route>:<id>}), at its route.
     *
     * @throws ValidationException when the id names no route of this router
     */
    @Override
    public Operation<VideoResult> resume(String operationId) {
      Route r = route(operationId);
      return r.client.videos().resume(innerId(operationId)).withId(operationId.strip());
    }

    @Override
    public Raw withRawResponse() {
      return raw;
    }
  }

  /** The model list of the first route that lists models and answers. */
  private final class RouterModelService implements ModelService {
    private final Raw raw = () -> route(Capability.MODELS, c -> CheckResult.accepted(c.vendor()),
        (c, accepted) -> c.models().withRawResponse().list()).value();

    @Override
    public List<ModelInfo> list() {
      return raw.list().body();
    }

    @Override
    public Raw withRawResponse() {
      return raw;
    }
  }

  // ----- routes -----

  /** One client, its name and its circuit breaker. */
  private static final class Route {
    final String name;
    final AiClient client;
    private int failures; // guarded by this
    private Instant openUntil; // guarded by this

    Route(String name, AiClient client) {
      this.name = name;
      this.client = client;
    }

    synchronized Instant coolingUntil(Instant now) {
      return openUntil != null && now.isBefore(openUntil) ? openUntil : null;
    }

    synchronized void succeeded() {
      failures = 0;
      openUntil = null;
    }

    synchronized void failed(Instant now, int threshold, Duration cooldown) {
      failures++;
      if (failures >= threshold) {
        openUntil = now.plus(cooldown);
        LOG.info("route {} failed {} times in a row; skipped until {}", name, failures, openUntil);
      }
    }
  }

  /** Builds a {@link Router}. */
  public static final class Builder {
    private final List<Route> routes = new ArrayList<>();
    private boolean whenChargeUncertain;
    private boolean afterContentPolicy;
    private int failuresInARow = 3;
    private Duration cooldown = Duration.ofSeconds(30);
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /**
     * Adds a gateway, named after its vendor, after those added so far.
     *
     * @param client the client
     * @return this builder
     */
    public Builder add(AiClient client) {
      return add(Objects.requireNonNull(client, "client").vendor(), client);
    }

    /**
     * Adds a gateway under {@code name} (for two clients of one vendor), after those added so far.
     *
     * @param name the route's name: unique in the router, without {@code :}
     * @param client the client
     * @return this builder
     */
    public Builder add(String name, AiClient client) {
      Objects.requireNonNull(client, "client");
      if (name == null || name.isBlank() || name.contains(":")) {
        throw new IllegalArgumentException("a route name must be non-blank and contain no ':', was '" + name + "'");
      }
      for (Route r : routes) {
        if (r.name.equals(name.strip())) {
          throw new IllegalArgumentException("a route named '" + name + "' is already there; give the second"
              + " client another name with add(name, client)");
        }
      }
      routes.add(new Route(name.strip(), client));
      return this;
    }

    /**
     * Whether to move on even after an outcome that may have been charged (a timeout or a cut
     * after sending, a 5xx or a failed task where failed calls are not documented as free): the
     * request is then served, but may be paid for twice. Off by default.
     *
     * @param value whether to
     * @return this builder
     */
    public Builder moveOnWhenChargeUncertain(boolean value) {
      this.whenChargeUncertain = value;
      return this;
    }

    /**
     * Whether a content-policy refusal (422, or a task blocked by moderation and refunded) moves on
     * to the next gateway. Off by default: another gateway's moderation usually agrees.
     *
     * @param value whether to
     * @return this builder
     */
    public Builder moveOnAfterContentPolicy(boolean value) {
      this.afterContentPolicy = value;
      return this;
    }

    /**
     * The circuit breaker: after {@code failuresInARow} failures in a row (refusals before sending
     * and content-policy refusals do not count), a gateway is skipped for {@code cooldown}, then
     * tried again. Default: 3 failures, 30 seconds.
     *
     * @param failuresInARow failures before a gateway is skipped (1 or more)
     * @param cooldown how long it is skipped
     * @return this builder
     */
    public Builder cooldown(int failuresInARow, Duration cooldown) {
      if (failuresInARow < 1) {
        throw new IllegalArgumentException("failuresInARow must be 1 or more, was " + failuresInARow);
      }
      if (cooldown == null || cooldown.isNegative()) {
        throw new IllegalArgumentException("cooldown must be zero or positive, was " + cooldown);
      }
      this.failuresInARow = failuresInARow;
      this.cooldown = cooldown;
      return this;
    }

    /**
     * The clock the cool-downs are timed by (for tests).
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * The router.
     *
     * @return the router
     * @throws IllegalStateException when no gateway was added
     */
    public Router build() {
      if (routes.isEmpty()) {
        throw new IllegalStateException("a router needs at least one client: add(client)");
      }
      return new Router(this);
    }
  }
}
