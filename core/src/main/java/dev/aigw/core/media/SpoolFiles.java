package dev.aigw.core.media;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The temporary files binary answers are spooled into. Each is deleted as soon as its media is
 * saved, discarded or garbage-collected; whatever is left is deleted when the JVM exits. Unlike
 * {@link java.io.File#deleteOnExit()}, nothing is remembered for a file already deleted, so a
 * long-running server does not accumulate entries.
 */
public final class SpoolFiles {
  private SpoolFiles() {}

  private static final Set<Path> LIVE = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(SpoolFiles::deleteQuietly), "aigw-spool-cleanup"));
  }

  /**
   * A new, empty temporary file (owner-only permissions), registered for deletion.
   *
   * @return the file, {@code aigw-….bin} in the default temporary directory
   * @throws IOException when the file cannot be created
   */
  public static Path create() throws IOException {
    Path file = Files.createTempFile("aigw-", ".bin");
    LIVE.add(file);
    return file;
  }

  /**
   * Runs {@code action} once {@code owner} is no longer reachable, on aigw's one cleaner thread
   * (started when first needed). {@code action} must not refer to {@code owner}, or it never runs.
   *
   * @param owner the object whose unreachability triggers the action
   * @param action what to run, usually deleting files
   * @return the registration; {@link java.lang.ref.Cleaner.Cleanable#clean()} runs the action now
   *     (at most once in all)
   */
  public static java.lang.ref.Cleaner.Cleanable whenUnreachable(Object owner, Runnable action) {
    return Cleaning.CLEANER.register(owner, action);
  }

  /** Holds the cleaner, so its thread starts only when something registers. */
  private static final class Cleaning {
    static final java.lang.ref.Cleaner CLEANER =
        java.lang.ref.Cleaner.create(r -> { Thread t = new Thread(r, "aigw-media-cleaner"); t.setDaemon(true); return t; });
  }

  /**
   * Deletes {@code file} now, if it is still there.
   *
   * @param file the file; a failure to delete it is ignored (the operating system's temporary
   *     cleanup gets it), and it is no longer deleted at exit
   */
  public static void delete(Path file) {
    deleteQuietly(file);
  }

  /**
   * How many spooled files exist now (for tests and diagnostics).
   *
   * @return the number of files created and not deleted yet
   */
  public static int live() {
    return LIVE.size();
  }

  /**
   * Whether {@code file} is a spool file that has not been deleted yet.
   *
   * @param file the file
   * @return {@code true} when it was created here and not deleted yet
   */
  public static boolean isLive(Path file) {
    return LIVE.contains(file);
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // left for the operating system's temp cleanup; nothing else can be done
    }
    LIVE.remove(file);
  }
}
