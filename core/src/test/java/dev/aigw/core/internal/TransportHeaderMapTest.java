package dev.aigw.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Map;
import okhttp3.Headers;
import org.junit.jupiter.api.Test;

class TransportHeaderMapTest {

  /** A typical gateway answer's headers: 14 names, one of them repeated. */
  private static Headers typicalAnswer() {
    return new Headers.Builder()
        .add("Content-Type", "application/json").add("Content-Length", "312").add("Date", "Thu, 01 Jan 2026 00:00:00 GMT")
        .add("Connection", "keep-alive").add("Server", "cloudflare").add("X-Request-Id", "req_123")
        .add("X-RateLimit-Limit", "60").add("X-RateLimit-Remaining", "59").add("X-RateLimit-Reset", "1767225660")
        .add("Cache-Control", "no-store").add("Vary", "Origin").add("Vary", "Accept-Encoding")
        .add("Strict-Transport-Security", "max-age=31536000").add("CF-Ray", "8f0c0c0c0c0c0c0c-ICN")
        .add("Alt-Svc", "h3=\":443\"").build();
  }

  @Test
  void keysAreLowerCaseAndRepeatedHeadersKeepEveryValueInOrder() {
    Map<String, List<String>> map = AnswerReader.headerMap(typicalAnswer());

    assertThat(map).hasSize(14);
    assertThat(map.get("vary")).containsExactly("Origin", "Accept-Encoding");
    assertThat(map.get("x-request-id")).containsExactly("req_123");
    assertThat(map).doesNotContainKey("X-Request-Id");
    assertThatThrownBy(() -> map.get("vary").add("more")).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> map.put("x", List.of())).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void readingTheHeadersOfAnAnswerAllocatesLittle() {
    // every successful call builds this map: it was a case-insensitive TreeSet of names, a scan of
    // all headers per name, and two copies of the map (about 5 KB for these headers)
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    Headers headers = typicalAnswer();
    long sink = 0;
    for (int i = 0; i < 20_000; i++) {
      sink += AnswerReader.headerMap(headers).size();
    }
    long id = Thread.currentThread().getId();
    int rounds = 2_000;
    long before = threads.getThreadAllocatedBytes(id);
    for (int i = 0; i < rounds; i++) {
      sink += AnswerReader.headerMap(headers).size();
    }
    long perMap = (threads.getThreadAllocatedBytes(id) - before) / rounds;

    assertThat(sink).isPositive();
    assertThat(perMap).as("bytes allocated per header map").isLessThan(2_500);
  }
}
