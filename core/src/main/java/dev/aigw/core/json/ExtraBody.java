package dev.aigw.core.json;

import dev.aigw.core.error.ValidationException;

/**
 * The extra JSON body fields of a request ({@code extraBody(name, value)} on the request
 * builders): the escape hatch for a vendor field the typed request lacks.
 */
public final class ExtraBody {
  private ExtraBody() {}

  /**
   * An immutable copy of extra body fields that keeps their order; a null name or value is refused
   * (leave the field out instead).
   *
   * @param extra the fields by name, or {@code null}
   * @return an unmodifiable copy in the same order; an empty map for {@code null} or empty
   * @throws ValidationException when a name is null or blank, or a value is null
   */
  public static java.util.Map<String, Object> copyOf(java.util.Map<String, Object> extra) {
    if (extra == null || extra.isEmpty()) {
      return java.util.Map.of();
    }
    java.util.Map<String, Object> copy = new java.util.LinkedHashMap<>();
    for (java.util.Map.Entry<String, Object> e : extra.entrySet()) {
      if (e.getKey() == null || e.getKey().isBlank()) {
        throw new ValidationException(null, "extraBody", "field names must not be blank");
      }
      if (e.getValue() == null) {
        throw new ValidationException(null, "extraBody",
            "the value of '" + e.getKey() + "' is null; leave the field out instead");
      }
      copy.put(e.getKey(), e.getValue());
    }
    return java.util.Collections.unmodifiableMap(copy);
  }

}
