/**
 * Failover across gateways: a {@link dev.aigw.core.routing.Router} is an {@link
 * dev.aigw.core.AiClient} over an ordered list of clients that sends each request to the first
 * gateway whose profile accepts it, and moves it on to the next only when the failed attempt
 * certainly did no paid work. {@link dev.aigw.core.routing.Routing} says which gateway served or
 * refused a request and why each earlier one was passed.
 */
package dev.aigw.core.routing;
