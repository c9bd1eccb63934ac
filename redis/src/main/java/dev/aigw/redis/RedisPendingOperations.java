package dev.aigw.redis;

import dev.aigw.core.shared.PendingOperation;
import dev.aigw.core.shared.PendingOperations;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Pending operations in Redis: a hash per operation (its fields are {@link PendingOperation}'s,
 * times in epoch milliseconds) and a sorted set of them by submission time, written together by
 * Lua scripts (recording, completing). Claiming and renewing are Lua scripts too, so that of several instances claiming at once exactly one wins. Claim times are
 * read from the instances' clocks (keep them in sync, as NTP does; claims last minutes).
 */
final class RedisPendingOperations implements PendingOperations {
  /** KEYS[1] the hash; ARGV instance, now ms, until ms. The hash's fields when claimed, else none. */
  static final String CLAIM = """
      if redis.call('EXISTS', KEYS[1]) == 0 then return {} end
      local by = redis.call('HGET', KEYS[1], 'claimedBy')
      local exp = tonumber(redis.call('HGET', KEYS[1], 'claimExpiresAt') or '0') or 0
      if by and by ~= '' and exp > tonumber(ARGV[2]) then return {} end
      redis.call('HSET', KEYS[1], 'claimedBy', ARGV[1], 'claimExpiresAt', ARGV[3])
      return redis.call('HGETALL', KEYS[1])
      """;

  /** KEYS[1] the hash; ARGV instance, until ms. 1 when renewed. */
  static final String RENEW = """
      if redis.call('HGET', KEYS[1], 'claimedBy') == ARGV[1] then
        redis.call('HSET', KEYS[1], 'claimExpiresAt', ARGV[2])
        return 1
      end
      return 0
      """;

  /** KEYS[1] the hash, KEYS[2] the index; ARGV member, score, then field, value pairs. */
  static final String RECORD = """
      redis.call('DEL', KEYS[1])
      redis.call('HSET', KEYS[1], unpack(ARGV, 3))
      redis.call('ZADD', KEYS[2], ARGV[2], ARGV[1])
      return 1
      """;

  /** KEYS[1] the hash, KEYS[2] the index; ARGV member. */
  static final String COMPLETE = """
      redis.call('DEL', KEYS[1])
      redis.call('ZREM', KEYS[2], ARGV[1])
      return 1
      """;

  private final RedisCommands<String, String> redis;
  private final Errors errors;
  private final String prefix;
  private final String index;
  private final Clock clock;

  RedisPendingOperations(RedisCommands<String, String> redis, Errors errors, String prefix) {
    this.redis = redis;
    this.errors = errors;
    this.prefix = prefix + "operation:";
    this.index = prefix + "operations";
    this.clock = Clock.systemUTC();
  }

  private String hash(String vendor, String id) {
    return prefix + vendor + ":" + id;
  }

  private static String member(String vendor, String id) {
    return vendor + ":" + id;
  }

  @Override
  public void record(PendingOperation op) {
    String submitted = String.valueOf(op.submittedAt().toEpochMilli());
    String[] args = {member(op.vendor(), op.id()), submitted,
        "vendor", op.vendor(), "id", op.id(), "asked", op.asked(), "submittedAt", submitted,
        "claimedBy", op.claimedBy() == null ? "" : op.claimedBy(),
        "claimExpiresAt", op.claimExpiresAt() == null ? "0" : String.valueOf(op.claimExpiresAt().toEpochMilli())};
    try {
      redis.eval(RECORD, ScriptOutputType.INTEGER, new String[] {hash(op.vendor(), op.id()), index}, args);
    } catch (RuntimeException e) {
      throw errors.wrap(op.vendor(), "record pending operation " + op.id(), e);
    }
  }

  @Override
  public boolean renew(String vendor, String id, String instance, Duration ttl) {
    try {
      Long renewed = redis.eval(RENEW, ScriptOutputType.INTEGER, new String[] {hash(vendor, id)}, instance,
          String.valueOf(clock.instant().plus(ttl).toEpochMilli()));
      return Long.valueOf(1).equals(renewed);
    } catch (RuntimeException e) {
      throw errors.wrap(vendor, "renew the claim on pending operation " + id, e);
    }
  }

  @Override
  public List<PendingOperation> claimable(int max) {
    List<PendingOperation> found = new ArrayList<>();
    Instant now = clock.instant();
    try {
      long start = 0;
      int page = 100;
      while (found.size() < max) {
        List<String> members = redis.zrange(index, start, start + page - 1);
        for (String m : members) {
          int colon = m.indexOf(':');
          Optional<PendingOperation> op = find(m.substring(0, colon), m.substring(colon + 1));
          if (op.isEmpty()) {
            redis.zrem(index, m); // completed meanwhile, or the hash was removed by hand
          } else if (op.get().claimableAt(now) && found.size() < max) {
            found.add(op.get());
          }
        }
        if (members.size() < page) {
          break;
        }
        start += page;
      }
    } catch (RuntimeException e) {
      throw errors.wrap(null, "list the pending operations", e);
    }
    return found;
  }

  @Override
  public Optional<PendingOperation> claim(String vendor, String id, String instance, Duration ttl) {
    Objects.requireNonNull(instance, "instance");
    Instant now = clock.instant();
    try {
      List<String> fields = redis.eval(CLAIM, ScriptOutputType.MULTI, new String[] {hash(vendor, id)}, instance,
          String.valueOf(now.toEpochMilli()), String.valueOf(now.plus(ttl).toEpochMilli()));
      if (fields == null || fields.size() < 2) {
        return Optional.empty();
      }
      Map<String, String> map = new HashMap<>();
      for (int i = 0; i + 1 < fields.size(); i += 2) {
        map.put(fields.get(i), fields.get(i + 1));
      }
      return Optional.of(read(map));
    } catch (RuntimeException e) {
      throw errors.wrap(vendor, "claim pending operation " + id, e);
    }
  }

  @Override
  public void complete(String vendor, String id) {
    try {
      redis.eval(COMPLETE, ScriptOutputType.INTEGER, new String[] {hash(vendor, id), index}, member(vendor, id));
    } catch (RuntimeException e) {
      throw errors.wrap(vendor, "complete pending operation " + id, e);
    }
  }

  @Override
  public Optional<PendingOperation> find(String vendor, String id) {
    try {
      Map<String, String> map = redis.hgetall(hash(vendor, id));
      return map == null || map.isEmpty() ? Optional.empty() : Optional.of(read(map));
    } catch (RuntimeException e) {
      throw errors.wrap(vendor, "read pending operation " + id, e);
    }
  }

  private static PendingOperation read(Map<String, String> map) {
    String claimedBy = map.getOrDefault("claimedBy", "");
    long expires = Long.parseLong(map.getOrDefault("claimExpiresAt", "0"));
    return new PendingOperation(map.get("vendor"), map.get("id"), map.get("asked"),
        Instant.ofEpochMilli(Long.parseLong(map.getOrDefault("submittedAt", "0"))),
        claimedBy.isEmpty() ? null : claimedBy, claimedBy.isEmpty() || expires == 0 ? null : Instant.ofEpochMilli(expires));
  }
}
