package dev.aigw.testkit;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.SocketFactory;

/**
 * A socket factory whose first {@code failures} connects are refused before a byte is written —
 * the one failure after which even a paid call may be retried safely. Plug it into the client's
 * OkHttp client: {@code new OkHttpClient.Builder().socketFactory(new FailingConnects(1)).build()}.
 */
public final class FailingConnects extends SocketFactory {
  private final AtomicInteger connects = new AtomicInteger();
  private final int failures;

  /**
   * A socket factory whose first connects fail.
   *
   * @param failures how many connects to refuse before letting them through
   */
  public FailingConnects(int failures) {
    this.failures = failures;
  }

  /** {@return how many connects were attempted} */
  public int connects() {
    return connects.get();
  }

  @Override
  public Socket createSocket() {
    return new Socket() {
      @Override
      public void connect(SocketAddress endpoint, int timeout) throws IOException {
        if (connects.incrementAndGet() <= failures) {
          throw new ConnectException("Connection refused (FailingConnects)");
        }
        super.connect(endpoint, timeout);
      }
    };
  }

  @Override
  public Socket createSocket(String host, int port) {
    throw new UnsupportedOperationException("OkHttp creates unconnected sockets");
  }

  @Override
  public Socket createSocket(String host, int port, InetAddress localHost, int localPort) {
    throw new UnsupportedOperationException("OkHttp creates unconnected sockets");
  }

  @Override
  public Socket createSocket(InetAddress host, int port) {
    throw new UnsupportedOperationException("OkHttp creates unconnected sockets");
  }

  @Override
  public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) {
    throw new UnsupportedOperationException("OkHttp creates unconnected sockets");
  }
}
