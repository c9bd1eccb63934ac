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
}
