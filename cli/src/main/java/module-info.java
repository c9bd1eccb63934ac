/**
 * The {@code aigw} command line tool: {@link dev.aigw.cli.Aigw} runs it. Every gateway from a
 * terminal through the neutral API (models, chat, images, videos, resume), plus GPTImageHub's
 * credits and CloudGPT's key management, with live progress, JSON output and the testkit's fakes
 * for offline use. It ships as an executable jar; its own slf4j binding, chosen by {@code main},
 * prints the SDK's log to standard error.
 */
// picocli and JLine ship module descriptors; the SDK's other dependencies are reached through core
module dev.aigw.cli {
  requires dev.aigw.core;
  requires dev.aigw.cloudgpt;
  requires dev.aigw.gptimagehub;
  requires dev.aigw.testkit;
  requires info.picocli;
  requires org.jline.terminal;
  requires org.slf4j;
  requires java.logging;

  exports dev.aigw.cli;

  // picocli sets the commands' annotated fields by reflection
  opens dev.aigw.cli to info.picocli;

  // the log binding is named by the slf4j.provider property that main sets, not registered as a
  // service: a program that has aigw-cli on its path keeps its own binding
  opens dev.aigw.cli.internal to org.slf4j;
}
