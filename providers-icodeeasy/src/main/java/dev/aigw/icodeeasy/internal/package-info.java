/** icodeeasy's wire formats: request mapping and checks, and answer reading. Not public API. */
package dev.aigw.icodeeasy.internal;
