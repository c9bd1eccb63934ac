/** {@link dev.aigw.core.json.RawJson}: the server's JSON as received, for fields aigw does not model. */
package dev.aigw.core.json;
