package dev.aigw.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aigw.core.error.ValidationException;
import dev.aigw.core.http.RetryPolicy;
import dev.aigw.core.internal.SharedResources;
import dev.aigw.core.internal.TransportConfig;
import dev.aigw.core.operation.PollingStrategy;
import dev.aigw.core.spi.ApiRequest;
import dev.aigw.core.spi.ResponseReader;
import dev.aigw.core.spi.VendorSpec;
import java.time.Duration;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ClientBuilderTest {
  private static final String KEY = "tv_live_7hs8Qk2LmZpX";

  @StartStop final MockWebServer server = new MockWebServer();

  private static ValidationException buildFails(TestVendorClient.Builder builder) {
    try {
      builder.build();
    } catch (ValidationException e) {
      return e;
    }
    throw new AssertionError("build() should have failed");
  }

  @Test
  void defaultsComeFromTheSpec() {
    try (TestVendorClient client = TestVendorClient.builder().apiKey(KEY).build()) {
      TransportConfig config = client.transport().config();
      assertThat(config.vendor()).isEqualTo("testvendor");
      assertThat(config.baseUrl()).isEqualTo(HttpUrl.get("https://api.test.invalid/"));
      assertThat(config.apiKey().reveal()).isEqualTo(KEY);
      assertThat(config.retryPolicy()).isEqualTo(RetryPolicy.DEFAULT);
      assertThat(config.requestTimeout()).isEqualTo(Duration.ofMinutes(2));
      assertThat(config.httpClient()).isSameAs(SharedResources.httpClient());
      assertThat(client.polling()).isEqualTo(PollingStrategy.DEFAULT);
      assertThat(client.requestTimeoutOverride()).isNull();
    }
  }

  @Test
  void missingKeyNamesTheEnvironmentVariable() {
    ValidationException e = buildFails(TestVendorClient.builder());
    assertThat(e.vendor()).isEqualTo("testvendor");
    assertThat(e.field()).isEqualTo("apiKey");
    assertThat(e.getMessage())
        .startsWith("testvendor: apiKey: ")
        .contains("TESTVENDOR_API_KEY")
        .contains("apiKey(")
        .doesNotContain("anonymous()");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   "})
  void blankKeyCountsAsMissing(String key) {
    assertThat(buildFails(TestVendorClient.builder().apiKey(key)).getMessage()).contains("TESTVENDOR_API_KEY");
  }

  @Test
  void keyWithTheWrongPrefixIsRefusedWithoutShowingIt() {
    String foreign = "csk_9f8e7d6c5b4a39281706";
    ValidationException e = buildFails(TestVendorClient.builder().apiKey(foreign));
    assertThat(e.field()).isEqualTo("apiKey");
    assertThat(e.getMessage())
        .contains("'tv_'")
        .doesNotContain(foreign)
        .doesNotContain("9f8e7d6c5b4a")
        .doesNotContain("csk_9f");
    assertThat(String.valueOf(e)).doesNotContain(foreign);
  }

  @Test
  void missingBaseUrlWhenTheVendorHasNoneNamesTheVariable() {
    VendorSpec noHost = VendorSpec.of("testvendor", "TESTVENDOR", null, "tv_");
    ValidationException e = buildFails(TestVendorClient.builder(noHost).apiKey(KEY));
    assertThat(e.field()).isEqualTo("baseUrl");
    assertThat(e.getMessage())
        .startsWith("testvendor: baseUrl: ")
        .contains("TESTVENDOR_BASE_URL")
        .contains("baseUrl(")
        .contains("no fixed host");
  }

  @ParameterizedTest
  @ValueSource(strings = {"api.test.invalid", "ftp://api.test.invalid", "http://", "not a url", "//host/v1"})
  void malformedBaseUrlIsRefused(String url) {
    ValidationException e = buildFails(TestVendorClient.builder().apiKey(KEY).baseUrl(url));
    assertThat(e.field()).isEqualTo("baseUrl");
    assertThat(e.getMessage()).contains("absolute http or https URL");
  }

  @Test
  void anonymousIsRefusedUnlessTheVendorAllowsIt() {
    ValidationException e = buildFails(TestVendorClient.builder().anonymous());
    assertThat(e.field()).isEqualTo("apiKey");
    assertThat(e.getMessage()).contains("does not accept calls without a key");

    VendorSpec open = TestVendorClient.SPEC.withAnonymousAllowed();
    try (TestVendorClient client = TestVendorClient.builder(open).anonymous().build()) {
      assertThat(client.transport().config().apiKey()).isNull();
    }
    assertThat(buildFails(TestVendorClient.builder(open)).getMessage())
        .as("the message offers anonymous() where the vendor allows it")
        .contains("TESTVENDOR_API_KEY")
        .contains("anonymous()");
  }

  @Test
  void anonymousClientSendsNoAuthorization() throws Exception {
    VendorSpec open = TestVendorClient.SPEC.withAnonymousAllowed();
    server.enqueue(new MockResponse.Builder().body("{}").build());
    try (TestVendorClient client = TestVendorClient.builder(open).anonymous().apiKey(KEY)
        .baseUrl(server.url("/").toString()).build()) {
      client.transport().execute(ApiRequest.get("/ping").build(), ResponseReader.text());
    }
    assertThat(server.takeRequest().getHeaders().get("Authorization")).isNull();
  }

  @Test
  void environmentSuppliesKeyAndBaseUrl() throws Exception {
    server.enqueue(new MockResponse.Builder().body("ok").build());
    Map<String, String> env = Map.of(
        "TESTVENDOR_API_KEY", KEY,
        "TESTVENDOR_BASE_URL", server.url("/gateway/v1").toString(),
        "OTHER_API_KEY", "tv_not_this_one");
    try (TestVendorClient client = TestVendorClient.builder().environment(env).build()) {
      assertThat(client.transport().config().apiKey().reveal()).isEqualTo(KEY);
      assertThat(client.transport().execute(ApiRequest.get("/models").build(), ResponseReader.text()).body())
          .isEqualTo("ok");
    }
    RecordedRequest request = server.takeRequest();
    assertThat(request.getTarget()).isEqualTo("/gateway/v1/models");
    assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + KEY);
    assertThat(request.getHeaders().get("User-Agent")).endsWith(" testvendor");
  }

  @Test
  void blankEnvironmentValuesAreIgnored() {
    Map<String, String> env = Map.of("TESTVENDOR_API_KEY", " ", "TESTVENDOR_BASE_URL", "");
    try (TestVendorClient client = TestVendorClient.builder().apiKey(KEY).environment(env).build()) {
      assertThat(client.transport().config().apiKey().reveal()).isEqualTo(KEY);
      assertThat(client.transport().config().baseUrl().host()).isEqualTo("api.test.invalid");
    }
    assertThat(buildFails(TestVendorClient.builder().environment(env)).getMessage()).contains("TESTVENDOR_API_KEY");
  }

  @Test
  void optionsApply() {
    OkHttpClient shared = new OkHttpClient();
    PollingStrategy polling = PollingStrategy.fixed(Duration.ofMillis(50), Duration.ofSeconds(3));
    ClientOptions options = ClientOptions.builder()
        .apiKey(KEY)
        .baseUrl("http://127.0.0.1:9/v2")
        .maxRetries(5)
        .requestTimeout(Duration.ofSeconds(7))
        .polling(polling)
        .httpClient(shared)
        .build();
    try (TestVendorClient client = TestVendorClient.builder().options(options).build()) {
      TransportConfig config = client.transport().config();
      assertThat(config.apiKey().reveal()).isEqualTo(KEY);
      assertThat(config.baseUrl()).isEqualTo(HttpUrl.get("http://127.0.0.1:9/v2"));
      assertThat(config.retryPolicy().maxRetries()).isEqualTo(5);
      assertThat(config.requestTimeout()).isEqualTo(Duration.ofSeconds(7));
      assertThat(config.httpClient()).as("the caller's client is shared").isSameAs(shared);
      assertThat(client.polling()).isEqualTo(polling);
      assertThat(client.requestTimeoutOverride()).isEqualTo(Duration.ofSeconds(7));
    }
  }

  @Test
  void timeLimitsHaveDocumentedDefaults() {
    try (TestVendorClient client = TestVendorClient.builder().apiKey(KEY).build()) {
      TransportConfig config = client.transport().config();
      assertThat(config.streamIdleTimeout()).isEqualTo(Duration.ofMinutes(2));
      assertThat(config.callTimeout()).as("no deadline unless one is set").isNull();
      assertThat(config.retryPolicy().maxRetryAfter()).isEqualTo(Duration.ofSeconds(60));
    }
  }

  @Test
  void timeLimitsCanBeSetOnTheBuilder() {
    try (TestVendorClient client = TestVendorClient.builder().apiKey(KEY)
        .streamIdleTimeout(Duration.ofSeconds(15))
        .callTimeout(Duration.ofSeconds(30))
        .maxRetryWait(Duration.ofSeconds(5))
        .build()) {
      TransportConfig config = client.transport().config();
      assertThat(config.streamIdleTimeout()).isEqualTo(Duration.ofSeconds(15));
      assertThat(config.callTimeout()).isEqualTo(Duration.ofSeconds(30));
      assertThat(config.retryPolicy().maxRetryAfter()).isEqualTo(Duration.ofSeconds(5));
      assertThat(config.retryPolicy().maxRetries()).as("the rest of the policy is kept").isEqualTo(2);
    }
  }

  @Test
  void timeLimitsComeFromClientOptions() {
    ClientOptions options = ClientOptions.builder().apiKey(KEY).streamIdleTimeout(Duration.ofSeconds(9))
        .callTimeout(Duration.ofSeconds(20)).maxRetryWait(Duration.ZERO).build();
    try (TestVendorClient client = TestVendorClient.builder().options(options).build()) {
      TransportConfig config = client.transport().config();
      assertThat(config.streamIdleTimeout()).isEqualTo(Duration.ofSeconds(9));
      assertThat(config.callTimeout()).isEqualTo(Duration.ofSeconds(20));
      assertThat(config.retryPolicy().maxRetryAfter()).isZero();
    }
    assertThat(options.toBuilder().build()).isEqualTo(options).hasSameHashCodeAs(options);
    assertThat(options.toString()).contains("streamIdleTimeout=PT9S", "callTimeout=PT20S", "maxRetryWait=PT0S");
    assertThat(new ClientOptions(null, null, 2, null, null, null, null, false, null, null))
        .isEqualTo(ClientOptions.builder().build());
  }

  @Test
  void timeLimitsMustBePositive() {
    TestVendorClient.Builder b = TestVendorClient.builder().apiKey(KEY);
    assertThatThrownBy(() -> b.streamIdleTimeout(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("streamIdleTimeout must be positive, was PT0S");
    assertThatThrownBy(() -> b.callTimeout(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("callTimeout must be positive, was PT-1S");
    assertThatThrownBy(() -> b.maxRetryWait(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxRetryWait must not be negative, was PT-1S");
    assertThat(b.callTimeout(null)).as("null removes the deadline").isSameAs(b);
    assertThatThrownBy(() -> ClientOptions.builder().callTimeout(Duration.ZERO).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessage("callTimeout must be positive, was PT0S");
    assertThatThrownBy(() -> ClientOptions.builder().streamIdleTimeout(Duration.ZERO).build())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ClientOptions.builder().maxRetryWait(Duration.ofMillis(-1)).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessage("maxRetryWait must not be negative, was PT-0.001S");
  }

  @Test
  void optionsConnectTimeoutDerivesAClientFromTheSharedOne() {
    ClientOptions options = ClientOptions.builder().apiKey(KEY).connectTimeout(Duration.ofMillis(1234)).build();
    try (TestVendorClient client = TestVendorClient.builder().options(options).build()) {
      assertThat(client.transport().config().httpClient().connectTimeoutMillis()).isEqualTo(1234);
    }
    assertThat(SharedResources.httpClient().connectTimeoutMillis()).as("the shared client is untouched").isEqualTo(10_000);
  }

  @Test
  void optionsWithZeroRetriesDisableRetries() {
    ClientOptions options = ClientOptions.builder().apiKey(KEY).maxRetries(0).build();
    try (TestVendorClient client = TestVendorClient.builder().options(options).build()) {
      assertThat(client.transport().config().retryPolicy().maxRetries()).isZero();
    }
  }

  @Test
  void optionsAnonymousIsStillRefusedWhereNotAllowed() {
    ClientOptions options = ClientOptions.builder().anonymous(true).build();
    assertThat(buildFails(TestVendorClient.builder().options(options)).getMessage())
        .contains("does not accept calls without a key");
  }

  @Test
  void explicitSettingsAfterOptionsWin() {
    ClientOptions options = ClientOptions.builder().apiKey("tv_from_options").maxRetries(4).build();
    try (TestVendorClient client = TestVendorClient.builder().options(options).apiKey(KEY).maxRetries(1).build()) {
      assertThat(client.transport().config().apiKey().reveal()).isEqualTo(KEY);
      assertThat(client.transport().config().retryPolicy().maxRetries()).isEqualTo(1);
    }
  }

  @Test
  void clientOptionsToStringHidesTheKey() {
    ClientOptions options = ClientOptions.builder().apiKey(KEY).baseUrl("https://api.test.invalid").build();
    assertThat(options.toString())
        .doesNotContain(KEY)
        .doesNotContain("7hs8Qk2L")
        .contains("apiKey=Secret[")
        .contains("baseUrl=https://api.test.invalid")
        .contains("maxRetries=2");
    assertThat(ClientOptions.builder().build().toString()).contains("apiKey=none");
  }

  @Test
  void clientOptionsRejectNonsense() {
    assertThatThrownBy(() -> ClientOptions.builder().maxRetries(-1).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxRetries");
    assertThatThrownBy(() -> ClientOptions.builder().connectTimeout(Duration.ZERO).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("connectTimeout");
    assertThatThrownBy(() -> ClientOptions.builder().requestTimeout(Duration.ofSeconds(-1)).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("requestTimeout");
  }

  @Test
  void clientOptionsToBuilderRoundTripsAndEqualsComparesKeys() {
    ClientOptions a = ClientOptions.builder().apiKey(KEY).baseUrl("https://x.invalid").maxRetries(3)
        .requestTimeout(Duration.ofSeconds(9)).anonymous(false).build();
    assertThat(a.toBuilder().build()).isEqualTo(a).hasSameHashCodeAs(a);
    assertThat(a.toBuilder().apiKey("tv_other").build()).isNotEqualTo(a);
    assertThat(ClientOptions.builder().build().maxRetries()).isEqualTo(ClientOptions.DEFAULT_MAX_RETRIES);
  }
}
