/**
 * Listeners: one interface, {@link dev.aigw.core.listener.AigwListener}, that sees a client's
 * calls and their attempts, streams, operations, costs and rate limits, with the events it
 * receives. {@link dev.aigw.core.cost.CostMeter} and {@link dev.aigw.core.cost.Budget} are
 * listeners; the {@code aigw-opentelemetry} module turns the events into spans and metrics.
 */
package dev.aigw.core.listener;
