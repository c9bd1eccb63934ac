/** The CLI's own slf4j binding: not API, not exported. */
package dev.aigw.cli.internal;
