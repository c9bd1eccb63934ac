package dev.aigw.core.listener;

import dev.aigw.core.cost.Cost;

/**
 * A gateway charged for something: an operation's result said what it cost, or a synchronous
 * call's price is fixed by the gateway's published prices.
 *
 * @param vendor the gateway
 * @param cost the amount and unit
 * @param operationId the task or generation it was for, or {@code null}; the same id is charged
 *     once, however many times it is read (an idempotent resubmission finds the same generation)
 * @param call the call that submitted the work or answered with it, when known; else {@code null}
 * @param fromPriceList {@code true} when the answer did not say and the cost is the published
 *     price of what was delivered; {@code false} when the gateway reported it
 */
public record CostRecorded(String vendor, Cost cost, String operationId, CallInfo call, boolean fromPriceList) {}
