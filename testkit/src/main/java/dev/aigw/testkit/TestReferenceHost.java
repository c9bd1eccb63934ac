package dev.aigw.testkit;

import dev.aigw.core.media.ImageFormat;
import dev.aigw.core.media.MediaInput;
import dev.aigw.core.media.ReferenceHost;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okio.Buffer;

/**
 * A {@link ReferenceHost} for tests: it publishes each image on its own loopback HTTP server
 * ({@code http://127.0.0.1:<port>/refs/<uuid>.<ext>}) and serves it from memory, so a gateway that
 * takes reference images only as URLs (CheapSub) can be given local files. {@link FakeCheapSub}
 * fetches such URLs as the real gateway would. Thread-safe; close it to stop the server.
 *
 * <pre>{@code
 * try (TestReferenceHost host = TestReferenceHost.start()) {
 *   CheapSubClient client = CheapSubClient.builder()…referenceHost(host).build();
 * }
 * }</pre>
 */
public final class TestReferenceHost implements ReferenceHost, AutoCloseable {

  /**
   * One published image.
   *
   * @param url where it is served
   * @param bytes its bytes
   * @param format its format
   */
  public record Published(String url, byte[] bytes, ImageFormat format) {
    /**
     * Copies the bytes.
     *
     * @param url where it is served
     * @param bytes its bytes
     * @param format its format
     */
    public Published {
      bytes = bytes.clone();
    }

    /**
     * A copy of the bytes.
     *
     * @return the bytes
     */
    @Override
    public byte[] bytes() {
      return bytes.clone();
    }
  }

  private final MockWebServer server = new MockWebServer();
  private final Map<String, Published> byPath = new ConcurrentHashMap<>();
  private final List<Published> published = new CopyOnWriteArrayList<>();
  private final List<String> fetched = new CopyOnWriteArrayList<>();

  private TestReferenceHost() {}

  /**
   * Starts a host on a free loopback port.
   *
   * @return the host
   */
  public static TestReferenceHost start() {
    TestReferenceHost host = new TestReferenceHost();
    host.server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        String path = request.getUrl().encodedPath();
        host.fetched.add(path);
        Published p = host.byPath.get(path);
        if (p == null || !"GET".equals(request.getMethod())) {
          return new MockResponse.Builder().code(404).build();
        }
        return new MockResponse.Builder().code(200).setHeader("Content-Type", p.format().mimeType())
            .body(new Buffer().write(p.bytes())).build();
      }
    });
    try {
      host.server.start(InetAddress.getLoopbackAddress(), 0);
    } catch (IOException e) {
      throw new UncheckedIOException("could not start the reference host", e);
    }
    return host;
  }

  /** Serves a copy of {@code image}'s bytes at a new URL on this host's loopback server. */
  @Override
  public String publish(MediaInput image, ImageFormat format) throws IOException {
    byte[] bytes;
    try (InputStream in = image.openStream()) {
      bytes = in.readAllBytes();
    }
    String path = "/refs/" + UUID.randomUUID() + "." + (format == null ? "bin" : format.extension());
    Published p = new Published(server.url(path).toString(), bytes, format);
    byPath.put(path, p);
    published.add(p);
    return p.url();
  }

  /**
   * Every image published, in order.
   *
   * @return the images
   */
  public List<Published> published() {
    return List.copyOf(published);
  }

  /**
   * The paths fetched from this host, in order (to see that a gateway fetched what was published).
   *
   * @return the paths
   */
  public List<String> fetched() {
    return List.copyOf(fetched);
  }

  /** Stops the server. */
  @Override
  public void close() {
    server.close();
  }

  /** The host's base URL. */
  @Override
  public String toString() {
    return "TestReferenceHost[" + server.url("/") + "]";
  }
}
