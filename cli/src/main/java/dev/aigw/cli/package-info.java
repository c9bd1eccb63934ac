/**
 * The {@code aigw} command line tool. {@link dev.aigw.cli.Aigw#main} is the executable jar's entry
 * point; {@link dev.aigw.cli.Aigw#execute} runs one command in-process with an environment and
 * streams of the caller's choosing.
 */
package dev.aigw.cli;
