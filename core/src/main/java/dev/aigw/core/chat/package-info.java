/** Neutral chat: requests, responses, streamed chunks and the {@link dev.aigw.core.chat.ChatService}. */
package dev.aigw.core.chat;
