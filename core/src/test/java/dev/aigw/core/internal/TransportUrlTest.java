package dev.aigw.core.internal;

import static dev.aigw.core.internal.TransportTestSupport.config;
import static dev.aigw.core.internal.TransportTestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aigw.core.http.RetrySafety;
import dev.aigw.core.spi.ApiRequest;
import dev.aigw.core.spi.ResponseReader;
import java.lang.management.ManagementFactory;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;

/** The URLs of query-less paths are resolved once per transport, and stay what they were. */
class TransportUrlTest {
  @StartStop final MockWebServer server = new MockWebServer();

  private final RequestEncoder prefixed = new Transport(config(HttpUrl.get("https://gw.example/prefix/"))).encoder;

  @Test
  void aCachedUrlKeepsTheBasePathPrefixAndTheEncodedPathParameter() {
    ApiRequest task = ApiRequest.get("/v1/tasks/{id}").pathParam("id", "a b/c?d").build();

    HttpUrl first = prefixed.url(task);
    HttpUrl again = prefixed.url(ApiRequest.get("/v1/tasks/{id}").pathParam("id", "a b/c?d").build());

    assertThat(first.toString()).isEqualTo("https://gw.example/prefix/v1/tasks/a%20b%2Fc%3Fd");
    assertThat(first.pathSegments()).containsExactly("prefix", "v1", "tasks", "a b/c?d");
    assertThat(again).isSameAs(first);
    assertThat(prefixed.url(ApiRequest.get("v1/models").build()).toString())
        .isEqualTo("https://gw.example/prefix/v1/models");
  }

  @Test
  void queryParametersAreAddedToEveryCallAndNeverCached() {
    HttpUrl page2 = prefixed.url(ApiRequest.get("/v1/list").query("page", 2).build());
    HttpUrl page3 = prefixed.url(ApiRequest.get("/v1/list").query("page", 3).build());
    HttpUrl none = prefixed.url(ApiRequest.get("/v1/list").build());

    assertThat(page2.toString()).isEqualTo("https://gw.example/prefix/v1/list?page=2");
    assertThat(page3.toString()).isEqualTo("https://gw.example/prefix/v1/list?page=3");
    assertThat(none.toString()).isEqualTo("https://gw.example/prefix/v1/list");
    assertThat(prefixed.cachedUrls()).isEqualTo(1);
  }

  @Test
  void pathsWithIdsInThemDoNotGrowTheCacheWithoutBound() {
    for (int i = 0; i < 1_000; i++) {
      HttpUrl url = prefixed.url(ApiRequest.get("/v1/tasks/{id}").pathParam("id", "t-" + i).build());
      assertThat(url.encodedPath()).isEqualTo("/prefix/v1/tasks/t-" + i);
      assertThat(prefixed.cachedUrls()).isLessThanOrEqualTo(RequestEncoder.MAX_CACHED_URLS);
    }
    assertThat(prefixed.url(ApiRequest.get("/v1/chat").build()).toString())
        .isEqualTo("https://gw.example/prefix/v1/chat");
  }

  @Test
  void everyCallToTheSamePathGoesThere() throws Exception {
    server.enqueue(json(200, "{}"));
    server.enqueue(json(200, "{}"));
    Transport t = new Transport(config(server.url("/prefix")));

    for (int i = 0; i < 2; i++) {
      t.execute(ApiRequest.post("/v1/chat", RetrySafety.UNPROTECTED).json(java.util.Map.of("n", i)).build(),
          ResponseReader.rawJson());
    }

    assertThat(server.takeRequest().getTarget()).isEqualTo("/prefix/v1/chat");
    assertThat(server.takeRequest().getTarget()).isEqualTo("/prefix/v1/chat");
  }

  @Test
  void resolvingAKnownPathAgainAllocatesAlmostNothing() {
    // it was rebuilt from the base URL for every call: about 800 bytes
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    ApiRequest chat = ApiRequest.post("/api/v1/chat", RetrySafety.UNPROTECTED).build();
    long sink = 0;
    for (int i = 0; i < 20_000; i++) {
      sink += prefixed.url(chat).port();
    }
    long id = Thread.currentThread().getId();
    int rounds = 2_000;
    long before = threads.getThreadAllocatedBytes(id);
    for (int i = 0; i < rounds; i++) {
      sink += prefixed.url(chat).port();
    }
    long perUrl = (threads.getThreadAllocatedBytes(id) - before) / rounds;

    assertThat(sink).isPositive();
    assertThat(perUrl).as("bytes allocated per URL").isLessThan(100);
  }
}
