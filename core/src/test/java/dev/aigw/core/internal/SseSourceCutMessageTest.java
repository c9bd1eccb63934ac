package dev.aigw.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import org.junit.jupiter.api.Test;

/**
 * A silent stream is described the same way whichever read timeout fired: the socket's ("Read timed
 * out") and OkHttp's own ("timeout") race each other.
 */
class SseSourceCutMessageTest {
  static final String SILENT = "read timeout (no data within the stream's idle timeout)";

  @Test
  void bothReadTimeoutsReadTheSame() {
    assertThat(SseSource.describeCut(new SocketTimeoutException("Read timed out"))).isEqualTo(SILENT);
    assertThat(SseSource.describeCut(new SocketTimeoutException("timeout"))).isEqualTo(SILENT);
    assertThat(SseSource.describeCut(new InterruptedIOException("timeout"))).isEqualTo(SILENT);
  }

  @Test
  void otherFailuresKeepTheirOwnMessage() {
    assertThat(SseSource.describeCut(new InterruptedIOException("interrupted"))).isEqualTo("interrupted");
    assertThat(SseSource.describeCut(new IOException("unexpected end of stream"))).isEqualTo("unexpected end of stream");
  }
}
