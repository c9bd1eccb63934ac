/**
 * CheapSub's native and legacy endpoints (section 8 of its documentation): Gemini-native {@code
 * generateContent} and {@code streamGenerateContent}, Claude-native {@code messages} (plain and
 * streamed), and the legacy image, Sora, Veo and task-query endpoints. The requests are typed and
 * minimal; every response keeps its raw JSON. CheapSub does not document the legacy bodies, so
 * the legacy requests send {@code model} and {@code prompt} plus whatever you add with {@code
 * extra}.
 */
package dev.aigw.cheapsub.legacy;
