package dev.aigw.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aigw.core.Secret;
import dev.aigw.core.error.AigwException;
import dev.aigw.core.error.ErrorDetails;
import dev.aigw.core.error.StreamException;
import dev.aigw.core.http.RateLimit;
import dev.aigw.core.spi.HttpMethod;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;

/** Masking credentials in what a failed call shows, as values: no HTTP. */
class SecretHygieneTest {
  private static final Secret KEY = Secret.of("tk_test_key_123");

  private static ErrorDetails details(String message, String requestId, String body) {
    return new ErrorDetails("acme", 403, "forbidden", "auth_error", message, requestId, Duration.ofSeconds(2),
        new RateLimit(60, 0, null, Duration.ofSeconds(2)), body);
  }

  @Test
  void anExceptionQuotingTheKeyBecomesAPlainCopyThatMasksIt() {
    AigwException quoting = new StreamException("acme", "bad answer: {\"echo\":\"tk_test_key_123\"}", null, null);

    AigwException safe = SecretHygiene.withoutKey(quoting, KEY, Map.of());

    assertThat(safe).isNotSameAs(quoting).hasMessage("bad answer: {\"echo\":\"" + KEY.masked() + "\"}")
        .hasNoCause();
    assertThat(safe.getClass()).isEqualTo(AigwException.class);
    assertThat(safe.vendor()).isEqualTo("acme");
    assertThat(safe.getStackTrace()).isEqualTo(quoting.getStackTrace());
  }

  @Test
  void anExceptionThatDoesNotQuoteTheKeyIsKept() {
    AigwException plain = new AigwException("acme", "bad answer", new IllegalStateException());
    AigwException silent = new AigwException("acme", null, null);

    assertThat(SecretHygiene.withoutKey(plain, KEY, Map.of())).isSameAs(plain);
    assertThat(SecretHygiene.withoutKey(silent, KEY, Map.of())).isSameAs(silent);
    assertThat(SecretHygiene.withoutKey(plain, null, Map.of("Authorization", "Bearer eyJhbGciOiJIUzI1NiJ9.other"))).isSameAs(plain);
  }

  @Test
  void credentialHeadersEchoedBackAreMaskedWhateverTheirCase() {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("COOKIE", "session=abcdef123456");
    headers.put("x-api-key", "xk_0987654321");
    headers.put("Proxy-Authorization", "Basic cHJveHk6c2VjcmV0");
    headers.put("X-Trace", "trace-visible-1");
    headers.put("Authorization", " ");
    ErrorDetails echoed = details("you sent session=abcdef123456 and xk_0987654321 (trace-visible-1)",
        "req-session=abcdef123456", "{\"proxy\":\"Basic cHJveHk6c2VjcmV0\"}");

    ErrorDetails safe = SecretHygiene.withoutHeaderSecrets(echoed, headers);

    assertThat(safe.message()).isEqualTo("you sent " + Secret.of("session=abcdef123456").masked() + " and "
        + Secret.of("xk_0987654321").masked() + " (trace-visible-1)");
    assertThat(safe.requestId()).isEqualTo("req-" + Secret.of("session=abcdef123456").masked());
    assertThat(safe.body()).isEqualTo("{\"proxy\":\"" + Secret.of("Basic cHJveHk6c2VjcmV0").masked() + "\"}");
    assertThat(safe).usingRecursiveComparison().ignoringFields("message", "requestId", "body").isEqualTo(echoed);
  }

  @Test
  void theTokenOfABearerHeaderIsMaskedWhenEchoedBareInAnErrorOrAReadersException() {
    String token = "eyJhbGciOiJIUzI1NiJ9.session.sig";
    Map<String, String> headers = Map.of("Authorization", "Bearer " + token);
    ErrorDetails echoed = details("Invalid token: " + token, null, "{\"error\":\"Invalid token: " + token + "\"}");

    ErrorDetails safe = SecretHygiene.withoutHeaderSecrets(echoed, headers);

    assertThat(safe.message()).isEqualTo("Invalid token: " + Secret.of(token).masked());
    assertThat(safe.body()).isEqualTo("{\"error\":\"Invalid token: " + Secret.of(token).masked() + "\"}");

    AigwException quoting = new AigwException("acme", "expected JSON but got: <p>session " + token + "</p>", null);
    AigwException masked = SecretHygiene.withoutKey(quoting, KEY, headers);
    assertThat(masked).isNotSameAs(quoting)
        .hasMessage("expected JSON but got: <p>session " + Secret.of(token).masked() + "</p>");
    assertThat(masked.getClass()).isEqualTo(AigwException.class);
  }

  @Test
  void withoutCredentialHeadersTheDetailsAreKept() {
    ErrorDetails d = details("no", null, "");

    assertThat(SecretHygiene.withoutHeaderSecrets(d, Map.of())).isSameAs(d);
    assertThat(SecretHygiene.withoutHeaderSecrets(d, Map.of("X-Trace", "t-1", "Cookie", ""))).isSameAs(d);
  }

  @Test
  void anExternalHostIsNamedByItsSchemeAndHostAndLosesTheUrlItQuoted() {
    HttpUrl url = HttpUrl.get("https://store.example/bucket/up-1.png?X-Amz-Signature=abcd1234ef&X-Amz-Expires=600");
    ErrorDetails quoted = details("SignatureDoesNotMatch for /bucket/up-1.png?X-Amz-Signature=abcd1234ef", "r-1",
        "<Error><StringToSign>abcd1234ef</StringToSign></Error>");

    ErrorDetails safe = SecretHygiene.fromExternalHost(quoted, url, HttpMethod.PUT);

    assertThat(safe.message()).isEqualTo("the host https://store.example/… answered PUT with: SignatureDoesNotMatch for …?X-Amz-Signature=…");
    assertThat(safe.body()).isEqualTo("<Error><StringToSign>…</StringToSign></Error>");
    assertThat(safe).usingRecursiveComparison().ignoringFields("message", "body").isEqualTo(quoted);
  }
}
