/** GPTImageHub's wire formats: the JSON it answers with and how it is read. Not public API. */
package dev.aigw.gptimagehub.internal;
