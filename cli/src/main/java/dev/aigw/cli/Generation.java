package dev.aigw.cli;

import dev.aigw.core.cost.Cost;
import dev.aigw.core.error.OperationPollException;
import dev.aigw.core.error.OperationTimeoutException;
import dev.aigw.core.media.GeneratedMedia;
import dev.aigw.core.operation.Operation;
import dev.aigw.core.operation.OperationSnapshot;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CancellationException;

/**
 * Waits for an image or video operation with a progress display, then saves what it made and
 * prints where: the part {@code image}, {@code video} and {@code resume} share.
 */
final class Generation {
  private final AigwCommand top;
  private final String kind;
  private final String gatewaySpec;

  /**
   * @param kind {@code image} or {@code video}
   * @param gatewaySpec how to name the gateway(s) to {@code aigw resume}
   */
  Generation(AigwCommand top, String kind, String gatewaySpec) {
    this.top = top;
    this.kind = kind;
    this.gatewaySpec = gatewaySpec;
  }

  /** {@code aigw resume cheapsub t-1} (with {@code --video} for a video). */
  String resumeCommand(String id) {
    return "aigw resume " + gatewaySpec + " " + id + (kind.equals("video") ? " --video" : "");
  }

  /**
   * Waits for {@code operation}, showing each poll's status; Ctrl-C stops the wait.
   *
   * @return the result
   */
  <T> T await(Operation<T> operation) {
    String label = operation.id().startsWith(operation.vendor() + ":") ? operation.id()
        : operation.vendor() + " " + operation.id();
    top.err.println("aigw: " + kind + " operation " + operation.id() + " submitted to " + operation.vendor()
        + " (to follow it later: " + resumeCommand(operation.id()) + ")");
    long start = System.nanoTime();
    try (Progress progress = top.progress()) {
      operation.onUpdate(s -> progress.show(label + ": " + state(s), elapsed(start)));
      top.interruption.during(operation::cancel);
      return top.timeout != null ? operation.waitForCompletion(top.timeout) : operation.waitForCompletion();
    } catch (CancellationException e) {
      if (top.interruption.interrupted()) {
        throw new CliException(ExitCodes.INTERRUPTED, "interrupted: stopped waiting for " + kind + " operation "
            + operation.id() + "; it goes on at " + operation.vendor() + ". Resume with: "
            + resumeCommand(operation.id()));
      }
      throw e;
    } catch (OperationTimeoutException | OperationPollException e) {
      throw new CliException(ExitCodes.of(e), Aigw.message(e) + ". Resume with: " + resumeCommand(operation.id()));
    } finally {
      top.interruption.during(null);
    }
  }

  private static String state(OperationSnapshot<?> snapshot) {
    return snapshot.status() + (snapshot.progress() == null ? "" : " " + snapshot.progress() + "%");
  }

  private static String elapsed(long start) {
    return String.format(Locale.ROOT, "%.1f s", (System.nanoTime() - start) / 1e9);
  }

  /**
   * Saves each medium (streamed, with the bytes shown on a terminal) and prints the paths: a line
   * each, or one JSON object for them all.
   *
   * @param media what the operation made
   * @param output {@code -o}: a file, a directory, or {@code null} for the working directory
   * @param id the operation id (names the files when {@code -o} gives no file name)
   * @param vendor the gateway that made them
   * @param cost what it cost, or {@code null}
   */
  void save(List<? extends GeneratedMedia> media, Path output, String id, String vendor, Cost cost) {
    List<Path> saved = new ArrayList<>();
    try (Progress progress = top.progress()) {
      for (int i = 0; i < media.size(); i++) {
        Path target = target(output, vendor + "-" + safe(id), i, media.size());
        saved.add(download(media.get(i), target, progress, vendor + " " + id + ": downloading " + (i + 1) + "/"
            + media.size()));
      }
    }
    if (top.json) {
      top.out.println(new JsonLine().put("gateway", vendor).put("kind", kind).put("operation", id)
          .put("status", "SUCCEEDED").put("files", saved.stream().map(Path::toString).toList())
          .put("cost", cost == null ? null : cost.toString()));
    } else {
      for (Path file : saved) {
        top.out.println("saved " + file + " (" + size(file) + ")");
      }
      if (cost != null) {
        top.out.println("cost " + cost);
      }
    }
  }

  private Path target(Path output, String base, int index, int count) {
    String suffix = count == 1 ? "" : "-" + (index + 1);
    if (output == null) {
      return Path.of(base + suffix);
    }
    if (Files.isDirectory(output)) {
      return output.resolve(base + suffix);
    }
    if (count == 1) {
      return output;
    }
    String name = output.getFileName().toString();
    int dot = name.lastIndexOf('.');
    String numbered = dot > 0 ? name.substring(0, dot) + suffix + name.substring(dot) : name + suffix;
    return output.resolveSibling(numbered);
  }

  /** Streams the medium to {@code target}, adding the extension its bytes call for when it has none. */
  private Path download(GeneratedMedia medium, Path target, Progress progress, String state) {
    Path dir = target.toAbsolutePath().getParent();
    try {
      Files.createDirectories(dir);
      Path partial = Files.createTempFile(dir, ".aigw-", ".part");
      byte[] head = new byte[16];
      int headLength = 0;
      try (InputStream in = medium.openStream(); OutputStream out = Files.newOutputStream(partial)) {
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        progress.show(state, "0 B");
        for (int n; (n = in.read(buffer)) > 0; ) {
          if (headLength < head.length) {
            int copy = Math.min(n, head.length - headLength);
            System.arraycopy(buffer, 0, head, headLength, copy);
            headLength += copy;
          }
          out.write(buffer, 0, n);
          total += n;
          progress.show(state, bytes(total));
        }
      } catch (IOException | RuntimeException e) {
        Files.deleteIfExists(partial);
        throw e;
      }
      Path file = hasExtension(target) ? target : target.resolveSibling(target.getFileName() + "." + extension(head, headLength));
      try {
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING);
      }
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("could not save " + target + ": " + e.getMessage(), e);
    }
  }

  private static boolean hasExtension(Path file) {
    String name = file.getFileName().toString();
    return name.lastIndexOf('.') > 0;
  }

  /** The file extension the first bytes call for. */
  static String extension(byte[] head, int length) {
    if (length >= 8 && (head[0] & 0xff) == 0x89 && head[1] == 'P' && head[2] == 'N' && head[3] == 'G') {
      return "png";
    }
    if (length >= 3 && (head[0] & 0xff) == 0xff && (head[1] & 0xff) == 0xd8) {
      return "jpg";
    }
    if (length >= 12 && head[0] == 'R' && head[1] == 'I' && head[2] == 'F' && head[3] == 'F' && head[8] == 'W') {
      return "webp";
    }
    if (length >= 4 && head[0] == 'G' && head[1] == 'I' && head[2] == 'F') {
      return "gif";
    }
    if (length >= 8 && head[4] == 'f' && head[5] == 't' && head[6] == 'y' && head[7] == 'p') {
      return "mp4";
    }
    return "bin";
  }

  private static String safe(String id) {
    return id.replaceAll("[^A-Za-z0-9._-]", "_");
  }

  static String bytes(long count) {
    if (count < 1024) {
      return count + " B";
    }
    if (count < 1024 * 1024) {
      return String.format(Locale.ROOT, "%.1f kB", count / 1024.0);
    }
    return String.format(Locale.ROOT, "%.1f MB", count / (1024.0 * 1024));
  }

  private static String size(Path file) {
    try {
      return bytes(Files.size(file));
    } catch (IOException e) {
      return "size unknown";
    }
  }
}
