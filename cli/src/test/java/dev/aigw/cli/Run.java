package dev.aigw.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** One in-process run of {@code aigw}: its exit code, standard output and standard error. */
record Run(int code, String out, String err) {

  static Run of(Map<String, String> env, String... args) {
    return withInput(env, "", args);
  }

  static Run withInput(Map<String, String> env, String input, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
         PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      code = new Aigw(env, new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), o, e).execute(args);
    }
    return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  static Run fake(String... args) {
    return of(Map.of(), args);
  }

  @Override
  public String toString() {
    return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
  }
}
