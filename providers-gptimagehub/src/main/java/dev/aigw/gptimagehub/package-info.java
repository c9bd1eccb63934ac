/**
 * The gptimagehub gateway provider. Its client is built in a later issue; until then this package holds
 * no public types.
 */
package dev.aigw.gptimagehub;
