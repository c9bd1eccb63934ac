/** The neutral model catalogue: {@link dev.aigw.core.model.ModelInfo} and the service. */
package dev.aigw.core.model;
