/** CheapSub's wire formats and task reading. Not public API. */
package dev.aigw.cheapsub.internal;
