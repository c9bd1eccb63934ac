/**
 * Benchmarks and probes of what aigw costs its user, next to a hand-written OkHttp + Moshi call
 * (the floor) and openai-java, against one loopback server ({@link dev.aigw.benchmarks.BenchServer}).
 * Not published; see {@code BENCHMARKS.md} at the repository root.
 */
package dev.aigw.benchmarks;
