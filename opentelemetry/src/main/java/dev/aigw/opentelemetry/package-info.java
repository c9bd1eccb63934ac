/**
 * Traces and metrics of aigw clients through OpenTelemetry: add {@link
 * dev.aigw.opentelemetry.OpenTelemetryListener} to a client's builder.
 */
package dev.aigw.opentelemetry;
