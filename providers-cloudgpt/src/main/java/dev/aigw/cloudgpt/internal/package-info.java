/**
 * CloudGPT's wire details: reading binary image and video answers and JSON values. Not public
 * API; users never need these types.
 */
package dev.aigw.cloudgpt.internal;
