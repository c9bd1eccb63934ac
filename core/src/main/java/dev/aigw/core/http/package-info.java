/**
 * What a user may see of HTTP: {@link dev.aigw.core.http.RawResponse} (status, headers, request id
 * and parsed body, from {@code withRawResponse()}), {@link dev.aigw.core.http.RateLimit} and the
 * retry rules ({@link dev.aigw.core.http.RetryPolicy}, {@link dev.aigw.core.http.RetrySafety}).
 */
package dev.aigw.core.http;
