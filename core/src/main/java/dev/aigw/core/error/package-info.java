/**
 * The one exception tree of aigw. Every exception is unchecked and extends {@link
 * dev.aigw.core.error.AigwException}; those raised from an HTTP answer extend {@link
 * dev.aigw.core.error.ApiException} and carry the vendor, the HTTP status, the vendor's own error
 * code and type, its message and the request id. No exception ever carries an API key.
 */
package dev.aigw.core.error;
