package dev.aigw.cli;

import com.squareup.moshi.Moshi;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/** Reads the CLI's {@code --json} lines back, so that tests check they are JSON. */
final class Json {
  private Json() {}

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> lines(String out) {
    try {
      var adapter = new Moshi.Builder().build().adapter(Map.class);
      java.util.ArrayList<Map<String, Object>> objects = new java.util.ArrayList<>();
      for (String line : out.split("\n")) {
        if (!line.isBlank()) {
          objects.add((Map<String, Object>) adapter.fromJson(line));
        }
      }
      return objects;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Map<String, Object> single(String out) {
    List<Map<String, Object>> all = lines(out);
    org.assertj.core.api.Assertions.assertThat(all).hasSize(1);
    return all.get(0);
  }
}
