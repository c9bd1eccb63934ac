/** Runnable example programs; they arrive with the providers. */
package dev.aigw.examples;
