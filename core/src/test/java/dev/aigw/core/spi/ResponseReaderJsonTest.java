package dev.aigw.core.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aigw.core.Secret;
import dev.aigw.core.error.AigwException;
import dev.aigw.core.error.MalformedResponseException;
import dev.aigw.core.http.RetryPolicy;
import dev.aigw.core.internal.Transport;
import dev.aigw.core.internal.TransportConfig;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

public class ResponseReaderJsonTest {
  @StartStop final MockWebServer server = new MockWebServer();

  public record Thing(String name, int size) {}

  private Transport transport() {
    return new Transport(TransportConfig.of("acme", server.url("/"), Secret.of("tk_0123456789"))
        .withRetryPolicy(RetryPolicy.NONE));
  }

  @Test
  void readsARecordStraightFromTheBody() {
    server.enqueue(new MockResponse.Builder().body("{\"name\":\"a\",\"size\":3,\"extra\":true}").build());
    assertThat(transport().execute(ApiRequest.get("/thing").build(), ResponseReader.<Thing>json(Thing.class)).body())
        .isEqualTo(new Thing("a", 3));
  }

  @Test
  void anAnswerThatIsNotJsonNamesTheVendor() {
    server.enqueue(new MockResponse.Builder().body("<html>maintenance</html>").build());
    assertThatThrownBy(() -> transport().execute(ApiRequest.get("/thing").build(), ResponseReader.json(Thing.class)))
        .isExactlyInstanceOf(MalformedResponseException.class)
        .hasMessageStartingWith("[acme] the server's answer is not the JSON documented: ");
  }

  @Test
  void aWronglyTypedFieldAndAnEmptyBodyNameTheVendor() {
    server.enqueue(new MockResponse.Builder().body("{\"name\":\"a\",\"size\":\"big\"}").build());
    assertThatThrownBy(() -> transport().execute(ApiRequest.get("/thing").build(), ResponseReader.json(Thing.class)))
        .hasMessageStartingWith("[acme] the server's answer is not the JSON documented: ")
        .hasMessageContaining("size");
    server.enqueue(new MockResponse.Builder().body("null").build());
    assertThatThrownBy(() -> transport().execute(ApiRequest.get("/thing").build(), ResponseReader.json(Thing.class)))
        .hasMessage("[acme] the server answered with an empty JSON body");
  }
}
