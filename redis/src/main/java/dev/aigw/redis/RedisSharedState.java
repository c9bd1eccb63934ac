package dev.aigw.redis;

import dev.aigw.core.error.SharedStateException;
import dev.aigw.core.error.ValidationException;
import dev.aigw.core.shared.ConcurrencyLimiter;
import dev.aigw.core.shared.DeliveryIdStore;
import dev.aigw.core.shared.PendingOperations;
import dev.aigw.core.shared.SharedState;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * {@link SharedState} in Redis, through one thread-safe Lettuce connection: the per-key
 * concurrency limit as leases that expire unless their holder renews them, webhook delivery ids
 * with {@code SET NX PX}, and pending operations that one instance at a time can claim.
 *
 * <pre>{@code
 * RedisSharedState shared = RedisSharedState.connect("redis://localhost:6379");
 * GptImage2Client client = GptImage2Client.builder().apiKey(key).sharedState(shared).build();
 * }</pre>
 *
 * <p>When Redis does not answer within the {@linkplain Builder#commandTimeout command timeout}
 * (it is down, unreachable, or went away), what needs it fails with a {@link SharedStateException}
 * whose cause is Lettuce's: a call waiting for a request slot (it was not sent), a webhook receiver
 * asked about a delivery. There is no silent fall-back to local state, which would let the
 * instances exceed the vendor's limit together. Recording a submitted operation is the exception:
 * its failure is logged at WARN and the call goes on (the task exists; failing would lose its id).
 * Lettuce reconnects by itself when Redis is back. Close it when the application stops (after its
 * clients). Thread-safe.
 */
public final class RedisSharedState implements SharedState, AutoCloseable {
  private final String where;
  private final RedisClient client;
  private final StatefulRedisConnection<String, String> connection;
  private final ScheduledExecutorService scheduler;
  private final RedisConcurrencyLimiter limiter;
  private final RedisDeliveryIds deliveries;
  private final RedisPendingOperations pending;
  private final String instanceId;
  private final Duration claimTtl;

  private RedisSharedState(Builder b) {
    RedisURI uri = parse(b.url);
    this.where = uri.getHost() + ":" + uri.getPort();
    uri.setTimeout(b.commandTimeout);
    this.client = RedisClient.create(uri);
    client.setOptions(ClientOptions.builder()
        .autoReconnect(true)
        // fail at once while disconnected instead of queueing: a caller learns within the timeout
        .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
        .timeoutOptions(TimeoutOptions.enabled(b.commandTimeout))
        .socketOptions(SocketOptions.builder().connectTimeout(b.commandTimeout).build())
        .build());
    try {
      this.connection = client.connect();
    } catch (RuntimeException e) {
      client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
      throw new SharedStateException(null, "aigw-redis could not connect to Redis at " + where + " within "
          + b.commandTimeout.toMillis() + " ms: " + e.getMessage(), e);
    }
    this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "aigw-redis");
      t.setDaemon(true);
      return t;
    });
    Errors errors = new Errors(where);
    this.instanceId = b.instanceId != null ? b.instanceId : defaultInstanceId();
    this.claimTtl = b.claimTtl;
    this.limiter = new RedisConcurrencyLimiter(connection.async(), scheduler, errors, b.prefix, instanceId,
        b.leaseTtl, b.pollInterval);
    this.deliveries = new RedisDeliveryIds(connection.sync(), errors, b.prefix, b.deliveryTtl);
    this.pending = new RedisPendingOperations(connection.sync(), errors, b.prefix);
  }

  private static RedisURI parse(String url) {
    try {
      return RedisURI.create(url);
    } catch (RuntimeException e) {
      throw new ValidationException("redis", "url",
          "must be a Redis URL such as redis://host:6379 or rediss://:password@host:6380/0"
              + " (it did not parse; the value is not shown as it may hold a password)");
    }
  }

  private static String defaultInstanceId() {
    return "pid" + ProcessHandle.current().pid() + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /**
   * Connects with the defaults (see {@link Builder}).
   *
   * @param url the Redis URL ({@code redis://host:6379}, {@code rediss://…} for TLS, with a password
   *     or database as Lettuce reads them)
   * @return the shared state, connected
   * @throws ValidationException when the URL is malformed
   * @throws SharedStateException when Redis does not answer within the command timeout
   */
  public static RedisSharedState connect(String url) {
    return builder(url).build();
  }

  /**
   * A builder for a Redis at {@code url}.
   *
   * @param url the Redis URL
   * @return the builder
   */
  public static Builder builder(String url) {
    return new Builder(url);
  }

  @Override
  public ConcurrencyLimiter limiter() {
    return limiter;
  }

  @Override
  public DeliveryIdStore deliveries() {
    return deliveries;
  }

  @Override
  public PendingOperations pendingOperations() {
    return pending;
  }

  @Override
  public String instanceId() {
    return instanceId;
  }

  @Override
  public Duration claimTtl() {
    return claimTtl;
  }

  /**
   * Stops renewing leases (those held lapse after the lease time), fails the calls still waiting
   * for a slot, and closes the connection.
   */
  @Override
  public void close() {
    limiter.close();
    scheduler.shutdownNow();
    try {
      scheduler.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    connection.close();
    client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
  }

  /** The host and port, never the password. */
  @Override
  public String toString() {
    return "RedisSharedState[" + where + ", instance " + instanceId + "]";
  }

  /** Settings of a {@link RedisSharedState}; every value has a default. */
  public static final class Builder {
    private final String url;
    private String prefix = "aigw:";
    private Duration commandTimeout = Duration.ofSeconds(2);
    private Duration leaseTtl = Duration.ofSeconds(15);
    private Duration claimTtl = Duration.ofMinutes(2);
    private Duration deliveryTtl = Duration.ofHours(24);
    private Duration pollInterval = Duration.ofMillis(100);
    private String instanceId;

    private Builder(String url) {
      if (url == null || url.isBlank()) {
        throw new ValidationException("redis", "url", "a Redis URL is required, such as redis://localhost:6379");
      }
      this.url = url.strip();
    }

    /**
     * The prefix of every Redis key aigw writes (default {@code aigw:}): give applications sharing
     * one Redis their own.
     *
     * @param prefix the prefix
     * @return this builder
     */
    public Builder prefix(String prefix) {
      this.prefix = Objects.requireNonNull(prefix, "prefix");
      return this;
    }

    /**
     * How long any Redis command may take before what needs it fails with a {@link
     * SharedStateException} (default 2 s); also the connect timeout.
     *
     * @param timeout a positive duration
     * @return this builder
     */
    public Builder commandTimeout(Duration timeout) {
      this.commandTimeout = positive(timeout, "commandTimeout");
      return this;
    }

    /**
     * How long a request slot stays taken when its holder stops renewing it (default 15 s): the
     * most a crashed instance can keep a slot. Held leases are renewed every third of it.
     *
     * @param ttl a positive duration of at least 300 ms
     * @return this builder
     */
    public Builder leaseTtl(Duration ttl) {
      this.leaseTtl = atLeast(ttl, Duration.ofMillis(300), "leaseTtl");
      return this;
    }

    /**
     * How long a claim on a pending operation lasts unless renewed (default 2 min): another
     * instance may take over an operation this long after its holder's last poll.
     *
     * @param ttl a positive duration
     * @return this builder
     */
    public Builder claimTtl(Duration ttl) {
      this.claimTtl = positive(ttl, "claimTtl");
      return this;
    }

    /**
     * How long a webhook delivery id is remembered (default 24 hours).
     *
     * @param ttl a positive duration
     * @return this builder
     */
    public Builder deliveryTtl(Duration ttl) {
      this.deliveryTtl = positive(ttl, "deliveryTtl");
      return this;
    }

    /**
     * The longest pause between two tries for a slot while calls wait for one (default 100 ms; the
     * pauses start shorter and double up to it).
     *
     * @param interval a positive duration
     * @return this builder
     */
    public Builder pollInterval(Duration interval) {
      this.pollInterval = positive(interval, "pollInterval");
      return this;
    }

    /**
     * This instance's name in leases and claims (default: the JVM's process id and a random suffix).
     *
     * @param id the name
     * @return this builder
     */
    public Builder instanceId(String id) {
      if (id == null || id.isBlank()) {
        throw new ValidationException("redis", "instanceId", "must not be blank");
      }
      this.instanceId = id;
      return this;
    }

    /**
     * Connects.
     *
     * @return the shared state
     * @throws ValidationException when the URL is malformed
     * @throws SharedStateException when Redis does not answer within the command timeout
     */
    public RedisSharedState build() {
      return new RedisSharedState(this);
    }

    private static Duration positive(Duration d, String name) {
      return atLeast(d, Duration.ofNanos(1), name);
    }

    private static Duration atLeast(Duration d, Duration min, String name) {
      Objects.requireNonNull(d, name);
      if (d.compareTo(min) < 0) {
        throw new ValidationException("redis", name, "must be at least " + min.toMillis() + " ms, was " + d);
      }
      return d;
    }
  }
}
