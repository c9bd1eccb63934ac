package dev.aigw.core.chat;

import dev.aigw.core.VendorOption;
import dev.aigw.core.error.ValidationException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A chat completion request. Built with {@link #builder()}; at least one message is required.
 * Without a model, each gateway uses its default chat model ({@link
 * dev.aigw.core.profile.ChatProfile#models()}), so one request runs on any gateway with chat.
 * Vendor limits (the temperature range, for example) are checked by the client that sends it,
 * before anything leaves the process.
 *
 * @param model the model id, or {@code null} for the gateway's default
 * @param messages the conversation, oldest first
 * @param temperature sampling temperature, or {@code null} for the vendor's default
 * @param maxTokens the most tokens to write, or {@code null}
 * @param extraBody extra top-level JSON fields sent as given (the escape hatch)
 * @param vendorOptions typed vendor-only settings
 */
public record ChatRequest(
    String model,
    List<ChatMessage> messages,
    Double temperature,
    Integer maxTokens,
    Map<String, Object> extraBody,
    List<VendorOption> vendorOptions) {

  /**
   * Copies the collections and checks what every vendor requires.
   *
   * @param model the model id; not blank
   * @param messages the conversation; at least one message
   * @param temperature a finite number, or {@code null}
   * @param maxTokens 1 or more, or {@code null}
   * @param extraBody extra top-level fields, or {@code null}
   * @param vendorOptions typed vendor-only settings, or {@code null}
   * @throws dev.aigw.core.error.ValidationException if the model is blank, there is no message, or
   *     a number is out of range
   */
  public ChatRequest {
    if (model != null && model.isBlank()) {
      throw new ValidationException(null, "model", "must not be blank when given");
    }
    if (messages == null || messages.isEmpty()) {
      throw new ValidationException(null, "messages", "at least one message is required");
    }
    if (maxTokens != null && maxTokens < 1) {
      throw new ValidationException(null, "maxTokens", "must be 1 or more, was " + maxTokens);
    }
    if (temperature != null && (temperature.isNaN() || temperature.isInfinite())) {
      throw new ValidationException(null, "temperature", "must be a finite number");
    }
    messages = List.copyOf(messages);
    extraBody = dev.aigw.core.json.ExtraBody.copyOf(extraBody);
    vendorOptions = vendorOptions == null ? List.of() : List.copyOf(vendorOptions);
  }

  /** {@return the text of the last user message, or an empty string} */
  public String lastUserText() {
    for (int i = messages.size() - 1; i >= 0; i--) {
      if (Role.USER.equals(messages.get(i).role())) {
        return messages.get(i).content();
      }
    }
    return "";
  }

  /**
   * The vendor option of type {@code type}, if one was attached.
   *
   * @param <T> the option type
   * @param type the option class, e.g. {@code CheapSubChatOptions.class}
   * @return the first attached option of that type, or empty
   */
  public <T extends VendorOption> Optional<T> vendorOption(Class<T> type) {
    return vendorOptions.stream().filter(type::isInstance).map(type::cast).findFirst();
  }

  /** {@return a new builder} */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * This request with another model.
   *
   * @param model the model id
   * @return the request
   */
  public ChatRequest withModel(String model) {
    return new ChatRequest(model, messages, temperature, maxTokens, extraBody, vendorOptions);
  }

  /** {@return a builder holding this request's values} */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.model = model;
    b.messages.addAll(messages);
    b.temperature = temperature;
    b.maxTokens = maxTokens;
    b.extraBody.putAll(extraBody);
    b.vendorOptions.addAll(vendorOptions);
    return b;
  }

  /** Builds {@link ChatRequest}. */
  public static final class Builder {
    private String model;
    private final List<ChatMessage> messages = new ArrayList<>();
    private Double temperature;
    private Integer maxTokens;
    private final Map<String, Object> extraBody = new LinkedHashMap<>();
    private final List<VendorOption> vendorOptions = new ArrayList<>();

    private Builder() {}

    /**
     * The model id.
     *
     * @param model the model id, e.g. {@code gemini-3-flash}
     * @return this builder
     */
    public Builder model(String model) {
      this.model = model;
      return this;
    }

    /**
     * Appends a system message.
     *
     * @param content the instructions
     * @return this builder
     */
    public Builder system(String content) {
      return message(ChatMessage.system(content));
    }

    /**
     * Appends a user message.
     *
     * @param content what the user says
     * @return this builder
     */
    public Builder user(String content) {
      return message(ChatMessage.user(content));
    }

    /**
     * Appends an assistant message.
     *
     * @param content what the model said earlier
     * @return this builder
     */
    public Builder assistant(String content) {
      return message(ChatMessage.assistant(content));
    }

    /**
     * Appends a message.
     *
     * @param message the message to append
     * @return this builder
     */
    public Builder message(ChatMessage message) {
      messages.add(message);
      return this;
    }

    /**
     * Replaces the conversation.
     *
     * @param messages the whole conversation, oldest first
     * @return this builder
     */
    public Builder messages(List<ChatMessage> messages) {
      this.messages.clear();
      this.messages.addAll(messages);
      return this;
    }

    /**
     * Sampling temperature.
     *
     * @param temperature a finite number; each vendor checks its own range
     * @return this builder
     */
    public Builder temperature(double temperature) {
      this.temperature = temperature;
      return this;
    }

    /**
     * The most tokens to write.
     *
     * @param maxTokens 1 or more
     * @return this builder
     */
    public Builder maxTokens(int maxTokens) {
      this.maxTokens = maxTokens;
      return this;
    }

    /**
     * An extra top-level JSON field, sent as given.
     *
     * @param name the field name
     * @param value its value, serialised as JSON
     * @return this builder
     */
    public Builder extraBody(String name, Object value) {
      extraBody.put(name, value);
      return this;
    }

    /**
     * A typed vendor-only setting.
     *
     * @param option the setting; a client refuses an option of another vendor
     * @return this builder
     */
    public Builder vendorOption(VendorOption option) {
      vendorOptions.add(option);
      return this;
    }

    /**
     * {@return the request}
     *
     * @throws dev.aigw.core.error.ValidationException if the model is missing, there is no
     *     message, or a number is out of range
     */
    public ChatRequest build() {
      return new ChatRequest(model, messages, temperature, maxTokens, extraBody, vendorOptions);
    }
  }
}
