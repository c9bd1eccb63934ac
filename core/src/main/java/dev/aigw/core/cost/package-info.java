/**
 * Money: {@link dev.aigw.core.cost.Cost} (an exact amount with its {@link
 * dev.aigw.core.cost.CostUnit unit}) on every result that has one, {@link
 * dev.aigw.core.cost.PriceEstimate} (what a request will cost, when a gateway's prices tell before
 * sending), {@link dev.aigw.core.cost.CostMeter} (a listener totalling the costs per gateway and
 * unit) and {@link dev.aigw.core.cost.Budget} (limits per gateway and unit, checked before paid
 * calls are sent).
 */
package dev.aigw.core.cost;
