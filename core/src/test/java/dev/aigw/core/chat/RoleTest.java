package dev.aigw.core.chat;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RoleTest {

  @Test
  void knownRolesMapToTheirConstants() {
    assertThat(Role.of("system")).isSameAs(Role.SYSTEM);
    assertThat(Role.of("User")).isSameAs(Role.USER);
    assertThat(Role.of(" ASSISTANT ")).isSameAs(Role.ASSISTANT);
  }

  @Test
  void unknownRolesAreKeptNotRejected() {
    Role tool = Role.of("tool");
    assertThat(tool.value()).isEqualTo("tool");
    assertThat(tool).isEqualTo(new Role("tool")).isNotEqualTo(Role.USER);
    assertThat(Role.of("Developer").value()).isEqualTo("developer");
    assertThat(Role.of("function").toString()).isEqualTo("function");
  }

  @Test
  void valueIsNormalisedSoEqualityIgnoresCase() {
    assertThat(new Role("USER")).isEqualTo(Role.USER);
    assertThat(Role.SYSTEM.toString()).isEqualTo("system");
  }

  /** equals/hashCode are written out (no record ObjectMethods at start-up) with a record's meaning. */
  @Test
  void equalityIsByValueAsForARecord() {
    Role tool = new Role("tool");
    assertThat(tool).isEqualTo(tool).isEqualTo(new Role(" Tool ")).hasSameHashCodeAs(new Role("tool"))
        .isNotEqualTo(new Role("tools"));
    assertThat(tool.equals(null)).isFalse();
    assertThat(tool.equals((Object) "tool")).isFalse();
    assertThat(tool.hashCode()).isEqualTo("tool".hashCode());
    assertThat(java.util.Set.of(Role.SYSTEM, Role.USER, Role.ASSISTANT)).contains(Role.of("USER"))
        .doesNotContain(tool);
  }
}
