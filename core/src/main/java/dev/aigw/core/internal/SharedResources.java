package dev.aigw.core.internal;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;

/**
 * What every aigw client shares: one OkHttp connection pool and dispatcher, and one scheduler
 * thread for retries and polling. All threads are daemons, so they never keep an application
 * alive.
 */
public final class SharedResources {
  private SharedResources() {}

  private static final class Holder {
    static final ScheduledExecutorService SCHEDULER = newScheduler();
    static final OkHttpClient HTTP = newHttpClient();
  }

  /** The shared scheduler (one daemon thread). Tasks on it must not block. */
  public static ScheduledExecutorService scheduler() {
    return Holder.SCHEDULER;
  }

  /** The shared OkHttp client: connect timeout 10 s, no silent retries, daemon threads. */
  public static OkHttpClient httpClient() {
    return Holder.HTTP;
  }

  private static ScheduledExecutorService newScheduler() {
    ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, daemon("aigw-scheduler"));
    executor.setRemoveOnCancelPolicy(true);
    return executor;
  }

  private static OkHttpClient newHttpClient() {
    ThreadPoolExecutor executor = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS,
        new SynchronousQueue<>(), daemon("aigw-http"));
    Dispatcher dispatcher = new Dispatcher(executor);
    dispatcher.setMaxRequests(128);
    dispatcher.setMaxRequestsPerHost(32);
    return new OkHttpClient.Builder()
        .dispatcher(dispatcher)
        .connectTimeout(Duration.ofSeconds(10))
        .readTimeout(Duration.ZERO)
        .writeTimeout(Duration.ZERO)
        .retryOnConnectionFailure(false)
        .build();
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
