package dev.aigw.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs one probe case in a fresh JVM (so threads, heap and CPU of one case never leak into the
 * next) and collects the lines it prints that start with {@code RESULT }.
 */
final class ChildJvm {
  private ChildJvm() {}

  /**
   * @param jvmArgs flags for the child
   * @param main the class to run
   * @param args its arguments
   * @return the child's {@code RESULT } lines, without the prefix
   * @throws IOException when the child fails
   */
  static List<String> run(List<String> jvmArgs, Class<?> main, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmArgs);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(main.getName());
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    List<String> results = new ArrayList<>();
    try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        if (line.startsWith("RESULT ")) {
          results.add(line.substring(7));
        } else {
          System.out.println("  | " + line);
        }
      }
    }
    int code = p.waitFor();
    if (code != 0) {
      throw new IOException(main.getSimpleName() + " " + String.join(" ", args) + " exited with " + code);
    }
    return results;
  }
}
