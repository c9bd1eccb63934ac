package dev.aigw.core.chat;

import dev.aigw.core.http.RawResponse;

/** Chat completions through the neutral API. Thread-safe. */
public interface ChatService {

  /**
   * Sends the conversation and waits for the whole reply.
   *
   * @param request the conversation and settings
   * @return the whole reply
   * @throws dev.aigw.core.error.ValidationException on bad input, before anything is sent
   * @throws dev.aigw.core.error.ApiException when the gateway refuses
   */
  default ChatResponse create(ChatRequest request) {
    return withRawResponse().create(request).body();
  }

  /**
   * Sends the conversation and streams the reply as it is written. Close the stream (or read it
   * to the end) to free the connection.
   *
   * @param request the conversation and settings
   * @return the open stream, read on the caller's thread
   */
  ChatStream stream(ChatRequest request);

  /** {@return the same calls, answering with the HTTP status, headers and request id as well} */
  Raw withRawResponse();

  /** {@link ChatService} calls that also return HTTP details. */
  interface Raw {
    /**
     * {@link ChatService#create} with HTTP details.
     *
     * @param request the conversation and settings
     * @return the reply with the answer's HTTP details
     */
    RawResponse<ChatResponse> create(ChatRequest request);
  }
}
