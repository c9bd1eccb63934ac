/** gptimage2.plus wire formats. Not public API. */
package dev.aigw.gptimage2.internal;
