/** {@link dev.aigw.core.stream.EventStream}: a pull-based stream of server-sent events. */
package dev.aigw.core.stream;
