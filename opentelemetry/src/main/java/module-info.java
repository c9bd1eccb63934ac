/**
 * aigw's OpenTelemetry module: {@link dev.aigw.opentelemetry.OpenTelemetryListener}, a listener that
 * turns a client's calls, streams and operations into spans and metrics following the GenAI
 * semantic conventions.
 */
// the OpenTelemetry API jars have an Automatic-Module-Name but no descriptor
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module dev.aigw.opentelemetry {
  requires transitive dev.aigw.core;
  requires transitive io.opentelemetry.api; // OpenTelemetry in create(…)
  requires io.opentelemetry.context;

  exports dev.aigw.opentelemetry;
}
