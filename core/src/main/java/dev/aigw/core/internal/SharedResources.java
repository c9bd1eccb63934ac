package dev.aigw.core.internal;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;
import org.slf4j.LoggerFactory;

/**
 * What every aigw client shares: one OkHttp connection pool and dispatcher, and one scheduler
 * thread for retries and polling. All threads are daemons, so they never keep an application
 * alive.
 *
 * <p>Asynchronous calls (operation polls, the only ones aigw makes) run on a small fixed set of
 * {@code aigw-http} threads, {@value #DEFAULT_ASYNC_THREADS} unless the system property {@value
 * #ASYNC_THREADS_PROPERTY} says otherwise; calls beyond that wait their turn in order. So a
 * thousand operations waited on at once add a fixed handful of threads, not one per poll in
 * flight. Code run when an operation completes runs on those threads and must not block.
 */
public final class SharedResources {
  private SharedResources() {}

  /** The system property that sets how many threads run asynchronous calls. */
  public static final String ASYNC_THREADS_PROPERTY = "aigw.asyncThreads";

  /** Asynchronous calls OkHttp hands to the threads at once (the rest wait in its queue). */
  static final int MAX_REQUESTS = 128;

  /** How many threads run asynchronous calls when the property is not set. */
  public static final int DEFAULT_ASYNC_THREADS = 2;

  // two holders, each made on first use: a client that only makes synchronous calls never creates
  // the scheduler (nor loads its classes), which retries and polls need
  private static final class SchedulerHolder {
    static final ScheduledExecutorService SCHEDULER = newScheduler();
  }

  private static final class HttpHolder {
    static final OkHttpClient HTTP = newHttpClient();
  }

  /** The shared scheduler (one daemon thread), made on first use. Tasks on it must not block. */
  public static ScheduledExecutorService scheduler() {
    return SchedulerHolder.SCHEDULER;
  }

  /** The shared OkHttp client: connect timeout 10 s, no silent retries, daemon threads. */
  public static OkHttpClient httpClient() {
    return HttpHolder.HTTP;
  }

  private static ScheduledExecutorService newScheduler() {
    ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, daemon("aigw-scheduler"));
    executor.setRemoveOnCancelPolicy(true);
    return executor;
  }

  private static OkHttpClient newHttpClient() {
    int threads = asyncThreads(System.getProperty(ASYNC_THREADS_PROPERTY));
    // a fixed number of threads and a queue: OkHttp marks up to maxRequests calls running and hands
    // each to this executor, where those beyond `threads` wait (an unbounded pool would start a
    // thread per call in flight; idle threads end after a minute)
    ThreadPoolExecutor executor = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
        new LinkedBlockingQueue<>(), daemon("aigw-http"));
    executor.allowCoreThreadTimeOut(true);
    Dispatcher dispatcher = new Dispatcher(executor);
    // one limit, not a smaller one per host: when calls to one host wait beyond a per-host limit,
    // OkHttp walks every waiting call each time a call ends (10,000 polls due at once: 10,000 steps
    // per call, most of the CPU of waiting on them); with the total as the only limit it stops at
    // the first. Connections are bounded by the threads anyway, and the gateways' own per-key
    // limits are the request gate's (ConcurrencyLimiter).
    dispatcher.setMaxRequests(MAX_REQUESTS);
    dispatcher.setMaxRequestsPerHost(MAX_REQUESTS);
    return new OkHttpClient.Builder()
        .dispatcher(dispatcher)
        .connectTimeout(Duration.ofSeconds(10))
        .readTimeout(Duration.ZERO)
        .writeTimeout(Duration.ZERO)
        .retryOnConnectionFailure(false)
        .build();
  }

  /** The number of async threads a property value asks for: 1 to 64, else (with a warning) the default. */
  static int asyncThreads(String value) {
    if (value == null || value.isBlank()) {
      return DEFAULT_ASYNC_THREADS;
    }
    try {
      int n = Integer.parseInt(value.strip());
      if (n >= 1 && n <= 64) {
        return n;
      }
    } catch (NumberFormatException e) {
      // fall through
    }
    LoggerFactory.getLogger(SharedResources.class).warn(
        "the system property {} must be a whole number from 1 to 64, was '{}'; using {}",
        ASYNC_THREADS_PROPERTY, value, DEFAULT_ASYNC_THREADS);
    return DEFAULT_ASYNC_THREADS;
  }

  /** A factory of daemon threads named {@code prefix-N}. */
  public static ThreadFactory daemon(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
