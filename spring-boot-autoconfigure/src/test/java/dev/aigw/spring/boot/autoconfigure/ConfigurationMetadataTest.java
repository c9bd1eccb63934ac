package dev.aigw.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import com.squareup.moshi.Moshi;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The configuration metadata the annotation processor wrote beside the classes, which IDEs read. */
class ConfigurationMetadataTest {

  static final List<String> COMMON = List.of("enabled", "api-key", "base-url", "max-retries", "connect-timeout",
      "request-timeout", "stream-idle-timeout", "call-timeout", "max-retry-wait", "max-concurrent-requests",
      "default-models", "extra-models", "polling.initial-interval", "polling.multiplier", "polling.max-interval",
      "polling.max-consecutive-failures", "polling.timeout", "health.enabled", "health.ttl");

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> properties() throws IOException, URISyntaxException {
    Path classes = Path.of(AigwProperties.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    String json = Files.readString(classes.resolve("META-INF/spring-configuration-metadata.json"));
    Map<String, Object> metadata = (Map<String, Object>) new Moshi.Builder().build().adapter(Object.class).fromJson(json);
    return (List<Map<String, Object>>) metadata.get("properties");
  }

  @Test
  void everyPropertyIsListedWithADescription() throws Exception {
    Set<String> expected = new TreeSet<>();
    for (String gateway : AigwProperties.GATEWAYS) {
      COMMON.forEach(p -> expected.add("aigw." + gateway + "." + p));
    }
    expected.addAll(List.of("aigw.cheapsub.video-timeout", "aigw.cloudgpt.video-timeout", "aigw.cloudgpt.keys-token",
        "aigw.cloudgpt.anonymous", "aigw.gptimagehub.sync-timeout", "aigw.icodeeasy.sync-timeout",
        "aigw.router.gateways", "aigw.router.move-on-when-charge-uncertain", "aigw.router.move-on-after-content-policy",
        "aigw.router.cooldown-failures", "aigw.router.cooldown", "aigw.redis.url", "aigw.redis.prefix",
        "aigw.redis.command-timeout", "aigw.redis.lease-ttl", "aigw.redis.claim-ttl", "aigw.redis.delivery-ttl"));
    List<Map<String, Object>> properties = properties();
    assertThat(properties).extracting(p -> (String) p.get("name")).containsExactlyInAnyOrderElementsOf(expected);
    for (Map<String, Object> property : properties) {
      assertThat((String) property.get("description")).as("description of %s", property.get("name"))
          .isNotBlank().endsWith(".");
    }
  }

  @Test
  void typesAndDefaultsAreThere() throws Exception {
    Map<String, Map<String, Object>> byName = new java.util.HashMap<>();
    properties().forEach(p -> byName.put((String) p.get("name"), p));
    assertThat(byName.get("aigw.cheapsub.request-timeout")).containsEntry("type", "java.time.Duration");
    assertThat(byName.get("aigw.router.gateways")).containsEntry("type", "java.util.List<java.lang.String>");
    assertThat(byName.get("aigw.cheapsub.enabled")).containsEntry("defaultValue", true);
    assertThat(byName.get("aigw.cloudgpt.keys-token").get("description").toString())
        .contains("session token").contains("CLOUDGPT_KEYS_TOKEN");
  }
}
