package dev.aigw.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CloudGptKeyManagementTest {

  @Test
  void createsListsAndDeletesAKeyShowingTheNewKeyOnlyMasked() {
    Console console = new Console();

    CloudGptKeyManagement.run(Map.of(), console.out());

    List<String> lines = console.lines();
    assertThat(lines.get(1)).matches("created (key_[0-9a-f]{12}) \"aigw-example-[0-9]+\": cgpt\\*\\*\\*\\* \\(the full"
        + " key is shown only now; keep it in a secret store, never in logs\\)");
    String id = lines.get(1).split(" ")[1];
    assertThat(lines.get(2)).isEqualTo("2 keys:");
    assertThat(lines.get(3)).startsWith("  key_default  Default key  cgpt_tes...  created ");
    assertThat(lines.get(4)).startsWith("  " + id + "  aigw-example-").contains("  cgpt_tes...  ").endsWith("last used never");
    assertThat(lines.get(5)).isEqualTo("deleted " + id + ": true");
    assertThat(lines.get(6)).isEqualTo("1 key:");
    assertThat(lines.subList(7, lines.size())).singleElement().asString().startsWith("  key_default  ");
    // no key in full: the fake's keys are cgpt_test followed by 24 hex digits
    assertThat(console.text()).doesNotContainPattern("cgpt_[0-9a-z]{4,}");
  }
}
