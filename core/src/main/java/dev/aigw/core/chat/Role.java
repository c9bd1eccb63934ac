package dev.aigw.core.chat;

import java.util.Locale;
import java.util.Objects;

/**
 * Who wrote a chat message. The three documented roles are constants; any other role a server
 * sends is kept as it is rather than rejected.
 *
 * @param value the wire value, lower case
 */
public record Role(String value) {
  /** Instructions to the model. */
  public static final Role SYSTEM = new Role("system");
  /** The human side. */
  public static final Role USER = new Role("user");
  /** The model's side. */
  public static final Role ASSISTANT = new Role("assistant");

  /**
   * Normalises the value to lower case.
   *
   * @param value the role name; not null
   */
  public Role {
    Objects.requireNonNull(value, "value");
    value = value.strip().toLowerCase(Locale.ROOT);
  }

  /**
   * The role named {@code value}.
   *
   * @param value the role name, in any case
   * @return one of the constants for the documented roles, otherwise a new role
   */
  public static Role of(String value) {
    return switch (value.strip().toLowerCase(Locale.ROOT)) {
      case "system" -> SYSTEM;
      case "user" -> USER;
      case "assistant" -> ASSISTANT;
      default -> new Role(value);
    };
  }

  /**
   * Equal to another role of the same value (what a record's generated {@code equals} does, written
   * out so that the first {@code Set.of} of roles, run by every provider's class initialisation,
   * does not bootstrap {@code java.lang.runtime.ObjectMethods}: tens of milliseconds in a cold JVM).
   *
   * @param other the object to compare with
   * @return whether it is a role of the same value
   */
  @Override
  public boolean equals(Object other) {
    return other == this || other instanceof Role r && value.equals(r.value);
  }

  /** {@return the value's hash code} */
  @Override
  public int hashCode() {
    return value.hashCode();
  }

  @Override
  public String toString() {
    return value;
  }
}
