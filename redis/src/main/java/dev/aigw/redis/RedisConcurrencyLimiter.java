package dev.aigw.redis;

import dev.aigw.core.error.SharedStateException;
import dev.aigw.core.shared.ConcurrencyLimiter;
import dev.aigw.core.shared.LimitKey;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The per-key limit in Redis: one sorted set per {@link LimitKey} whose members are lease ids
 * scored by when they expire (Redis's own clock). Taking a slot is one Lua script: drop the expired
 * leases, then add one if fewer than the limit remain. Held leases are renewed every third of the
 * lease time by one scheduled task; a holder that dies stops renewing, and its slots come free when
 * their leases expire. Waiters never park a thread: per key, one try at a time runs for the oldest
 * local waiter, and when the limit is full the next try is scheduled with a backoff that doubles up
 * to the poll interval; a slot released here wakes the waiters at once.
 */
final class RedisConcurrencyLimiter implements ConcurrencyLimiter {
  private static final Logger LOG = LoggerFactory.getLogger(RedisConcurrencyLimiter.class);

  /** KEYS[1] the set; ARGV limit, lease ms, lease id. 1 when taken. */
  static final String ACQUIRE = """
      if redis.replicate_commands then redis.replicate_commands() end
      local t = redis.call('TIME')
      local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
      redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
      if redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[1]) then
        redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]), ARGV[3])
        redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[2]) * 2)
        return 1
      end
      return 0
      """;

  /** KEYS[1] the set; ARGV lease ms, lease id. 1 when the lease was still held. */
  static final String RENEW = """
      if redis.replicate_commands then redis.replicate_commands() end
      local t = redis.call('TIME')
      local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
      local score = redis.call('ZSCORE', KEYS[1], ARGV[2])
      if score and tonumber(score) > now then
        redis.call('ZADD', KEYS[1], now + tonumber(ARGV[1]), ARGV[2])
        redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[1]) * 2)
        return 1
      end
      return 0
      """;

  private final RedisAsyncCommands<String, String> redis;
  private final ScheduledExecutorService scheduler;
  private final Errors errors;
  private final String prefix;
  private final String instanceId;
  private final long leaseMillis;
  private final long maxBackoffMillis;
  private final AtomicLong sequence = new AtomicLong();
  private final Map<LimitKey, Waiters> waiters = new ConcurrentHashMap<>();
  private final Set<RedisLease> held = ConcurrentHashMap.newKeySet();
  private final ScheduledFuture<?> renewal;
  private volatile boolean closed;

  RedisConcurrencyLimiter(RedisAsyncCommands<String, String> redis, ScheduledExecutorService scheduler,
      Errors errors, String prefix, String instanceId, Duration leaseTtl, Duration pollInterval) {
    this.redis = redis;
    this.scheduler = scheduler;
    this.errors = errors;
    this.prefix = prefix;
    this.instanceId = instanceId;
    this.leaseMillis = leaseTtl.toMillis();
    this.maxBackoffMillis = Math.max(1, pollInterval.toMillis());
    long every = Math.max(1, leaseMillis / 3);
    this.renewal = scheduler.scheduleAtFixedRate(this::renewAll, every, every, TimeUnit.MILLISECONDS);
  }

  @Override
  public CompletableFuture<Lease> acquire(LimitKey key) {
    CompletableFuture<Lease> ticket = new CompletableFuture<>();
    if (closed) {
      ticket.completeExceptionally(new SharedStateException(key.vendor(), "aigw-redis is closed", null));
      return ticket;
    }
    waiters.computeIfAbsent(key, Waiters::new).add(ticket);
    return ticket;
  }

  /** How many leases this instance holds now (for tests and diagnostics). */
  int held() {
    return held.size();
  }

  /** The Redis key of a limit: the vendor and a digest of the limit's id (no key, not even its fingerprint). */
  String redisKey(LimitKey key) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.id().getBytes(StandardCharsets.UTF_8));
      return prefix + "limit:" + key.vendor() + ":" + HexFormat.of().formatHex(digest, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  private void renewAll() {
    for (RedisLease lease : held) {
      try {
        redis.eval(RENEW, ScriptOutputType.INTEGER, new String[] {lease.redisKey}, String.valueOf(leaseMillis),
            lease.id).whenComplete((still, error) -> {
              if (error != null) {
                LOG.warn("aigw-redis could not renew a request slot of {}: {}", lease.vendor, error.toString());
              } else if (!Long.valueOf(1).equals(still) && held.contains(lease)) {
                LOG.warn("aigw-redis: a request slot of {} had expired before it was renewed (was this JVM paused"
                    + " longer than the lease time?)", lease.vendor);
              }
            });
      } catch (RuntimeException e) {
        LOG.warn("aigw-redis could not renew a request slot of {}: {}", lease.vendor, e.toString());
      }
    }
  }

  /** Fails every waiter, stops renewing, and gives the held slots back (without waiting). */
  void close() {
    closed = true;
    renewal.cancel(false);
    SharedStateException closing = new SharedStateException(null, "aigw-redis was closed while the call waited"
        + " for a request slot", null);
    for (Waiters w : waiters.values()) {
      w.failAll(closing);
    }
    for (RedisLease lease : List.copyOf(held)) {
      lease.release();
    }
  }

  /** The local waiters of one limit, served oldest first by one try at a time. */
  private final class Waiters implements Runnable {
    private final LimitKey key;
    private final String redisKey;
    private final Deque<CompletableFuture<Lease>> queue = new ArrayDeque<>();
    /** Whether a try is in flight or scheduled. */
    private boolean trying;
    private ScheduledFuture<?> next;
    private long backoffMillis;

    Waiters(LimitKey key) {
      this.key = key;
      this.redisKey = redisKey(key);
    }

    void add(CompletableFuture<Lease> ticket) {
      synchronized (this) {
        queue.add(ticket);
      }
      wake();
    }

    /** Tries at once: a slot came free here, or a waiter came. */
    void wake() {
      boolean now;
      synchronized (this) {
        if (!trying) {
          dropDone();
          now = !queue.isEmpty();
          trying = now;
        } else if (next != null && next.cancel(false)) {
          next = null;
          backoffMillis = 0;
          now = true;
        } else {
          now = false; // the try in flight schedules the next
        }
      }
      if (now) {
        tryOnce();
      }
    }

    @Override
    public void run() {
      synchronized (this) {
        next = null;
      }
      tryOnce();
    }

    private void dropDone() {
      while (!queue.isEmpty() && queue.peek().isDone()) {
        queue.poll();
      }
    }

    private void tryOnce() {
      synchronized (this) {
        dropDone();
        if (queue.isEmpty() || closed) {
          trying = false;
          return;
        }
      }
      String leaseId = instanceId + ":" + sequence.incrementAndGet();
      try {
        redis.eval(ACQUIRE, ScriptOutputType.INTEGER, new String[] {redisKey}, String.valueOf(key.limit()),
            String.valueOf(leaseMillis), leaseId)
            .whenCompleteAsync((taken, error) -> answered(leaseId, (Long) taken, error), scheduler);
      } catch (RejectedExecutionException e) {
        failAll(new SharedStateException(key.vendor(), "aigw-redis is closed", e));
      } catch (RuntimeException e) {
        failAll(errors.wrap(key.vendor(), "take a request slot of " + key, e));
      }
    }

    private void answered(String leaseId, Long taken, Throwable error) {
      if (error != null) {
        failAll(errors.wrap(key.vendor(), "take a request slot of " + key, error));
        return;
      }
      if (taken != null && taken == 1L) {
        RedisLease lease = new RedisLease(this, leaseId);
        held.add(lease);
        CompletableFuture<Lease> head;
        synchronized (this) {
          dropDone();
          head = queue.poll();
          backoffMillis = 0;
        }
        if (head == null || !head.complete(lease)) {
          lease.release(); // nobody waits any more: the slot goes back
        }
        tryOnce(); // the next waiter, if any
        return;
      }
      synchronized (this) {
        dropDone();
        if (queue.isEmpty() || closed) {
          trying = false;
          return;
        }
        backoffMillis = backoffMillis == 0 ? Math.min(5, maxBackoffMillis) : Math.min(backoffMillis * 2, maxBackoffMillis);
        try {
          next = scheduler.schedule(this, backoffMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
          trying = false;
        }
      }
    }

    void failAll(SharedStateException failure) {
      List<CompletableFuture<Lease>> all;
      synchronized (this) {
        all = new ArrayList<>(queue);
        queue.clear();
        trying = false;
        backoffMillis = 0;
        if (next != null) {
          next.cancel(false);
          next = null;
        }
      }
      for (CompletableFuture<Lease> ticket : all) {
        ticket.completeExceptionally(failure);
      }
    }
  }

  /** One slot held by this instance. */
  private final class RedisLease implements Lease {
    private final Waiters waiters;
    private final String redisKey;
    private final String vendor;
    private final String id;
    private final AtomicBoolean released = new AtomicBoolean();

    RedisLease(Waiters waiters, String id) {
      this.waiters = waiters;
      this.redisKey = waiters.redisKey;
      this.vendor = waiters.key.vendor();
      this.id = id;
    }

    @Override
    public void release() {
      if (!released.compareAndSet(false, true)) {
        return;
      }
      held.remove(this);
      try {
        redis.zrem(redisKey, id).whenComplete((removed, error) -> {
          if (error != null) {
            LOG.debug("aigw-redis could not give a request slot of {} back; it lapses with its lease: {}", vendor,
                error.toString());
          }
          waiters.wake();
        });
      } catch (RuntimeException e) {
        LOG.debug("aigw-redis could not give a request slot of {} back; it lapses with its lease", vendor, e);
      }
    }
  }
}
