package dev.aigw.core.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aigw.core.VendorOption;
import dev.aigw.core.error.ValidationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ChatRequestTest {

  record CacheOption(boolean enabled) implements VendorOption {
    @Override
    public String vendor() {
      return "cheapsub";
    }
  }

  record RegionOption(String region) implements VendorOption {
    @Override
    public String vendor() {
      return "cloudgpt";
    }
  }

  private static ChatRequest.Builder valid() {
    return ChatRequest.builder().model("gemini-3-flash").user("hi");
  }

  private static void assertInvalid(ChatRequest.Builder builder, String field, String problem) {
    assertThatThrownBy(builder::build)
        .isInstanceOf(ValidationException.class)
        .hasMessageStartingWith("aigw: " + field + ": ")
        .hasMessageContaining(problem)
        .satisfies(e -> assertThat(((ValidationException) e).field()).isEqualTo(field));
  }

  @Test
  void buildsWithModelAndMessages() {
    ChatRequest r = ChatRequest.builder()
        .model("gemini-3-flash")
        .system("You are a helpful assistant.")
        .user("한국의 수도는 어디인가요?")
        .temperature(0.7)
        .maxTokens(256)
        .build();
    assertThat(r.model()).isEqualTo("gemini-3-flash");
    assertThat(r.messages()).containsExactly(
        ChatMessage.system("You are a helpful assistant."), ChatMessage.user("한국의 수도는 어디인가요?"));
    assertThat(r.temperature()).isEqualTo(0.7);
    assertThat(r.maxTokens()).isEqualTo(256);
    assertThat(r.extraBody()).isEmpty();
    assertThat(r.vendorOptions()).isEmpty();
  }

  @Test
  void modelIsOptionalButNotBlank() {
    ChatRequest portable = ChatRequest.builder().user("hi").build();
    assertThat(portable.model()).isNull();
    assertThat(portable.withModel("gemini-3-flash").model()).isEqualTo("gemini-3-flash");
    assertThat(portable.withModel("gemini-3-flash").messages()).isEqualTo(portable.messages());
    assertInvalid(ChatRequest.builder().model("  ").user("hi"), "model", "must not be blank when given");
  }

  @Test
  void atLeastOneMessageIsRequired() {
    assertInvalid(ChatRequest.builder().model("m"), "messages", "at least one message");
    assertInvalid(valid().messages(List.of()), "messages", "at least one message");
  }

  @ParameterizedTest
  @ValueSource(ints = {0, -1, Integer.MIN_VALUE})
  void maxTokensMustBePositive(int maxTokens) {
    assertInvalid(valid().maxTokens(maxTokens), "maxTokens", "must be 1 or more, was " + maxTokens);
  }

  @ParameterizedTest
  @ValueSource(doubles = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
  void temperatureMustBeFinite(double temperature) {
    assertInvalid(valid().temperature(temperature), "temperature", "finite");
  }

  @Test
  void vendorRangesAreNotCheckedHere() {
    assertThat(valid().temperature(7.5).build().temperature()).isEqualTo(7.5);
    assertThat(valid().maxTokens(1).build().maxTokens()).isEqualTo(1);
  }

  @Test
  void messagesNeedRoleAndContent() {
    assertThatThrownBy(() -> new ChatMessage(null, "x")).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> ChatMessage.user(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void toBuilderRoundTrips() {
    CacheOption option = new CacheOption(true);
    ChatRequest original = ChatRequest.builder()
        .model("m")
        .system("s")
        .user("u")
        .assistant("a")
        .user("u2")
        .temperature(0.2)
        .maxTokens(99)
        .extraBody("top_k", 40)
        .vendorOption(option)
        .build();
    assertThat(original.toBuilder().build()).isEqualTo(original);

    ChatRequest changed = original.toBuilder().model("other").user("u3").build();
    assertThat(changed.model()).isEqualTo("other");
    assertThat(changed.messages()).hasSize(5);
    assertThat(changed.extraBody()).containsEntry("top_k", 40);
    assertThat(changed.vendorOptions()).containsExactly(option);
    assertThat(original.messages()).as("the original is untouched").hasSize(4);
    assertThat(original.model()).isEqualTo("m");
  }

  @Test
  void collectionsAreImmutableCopies() {
    List<ChatMessage> messages = new ArrayList<>(List.of(ChatMessage.user("one")));
    ChatRequest.Builder builder = ChatRequest.builder().model("m").messages(messages).extraBody("k", "v");
    ChatRequest r = builder.build();
    messages.add(ChatMessage.user("two"));
    builder.user("three").extraBody("k2", "v2");

    assertThat(r.messages()).containsExactly(ChatMessage.user("one"));
    assertThat(r.extraBody()).containsOnlyKeys("k");
    assertThatThrownBy(() -> r.messages().add(ChatMessage.user("x"))).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> r.extraBody().put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> r.vendorOptions().add(new CacheOption(false)))
        .isInstanceOf(UnsupportedOperationException.class);

    ChatRequest direct = new ChatRequest("m", messages, null, null, null, null);
    assertThat(direct.extraBody()).isEmpty();
    assertThat(direct.vendorOptions()).isEmpty();
    messages.clear();
    assertThat(direct.messages()).hasSize(2);
  }

  @Test
  void vendorOptionIsFoundByType() {
    CacheOption cache = new CacheOption(true);
    ChatRequest r = valid().vendorOption(cache).build();
    assertThat(r.vendorOption(CacheOption.class)).containsSame(cache);
    assertThat(r.vendorOption(RegionOption.class)).isEmpty();
    assertThat(r.vendorOption(VendorOption.class)).containsSame(cache);
  }

  @Test
  void lastUserTextIsTheNewestUserMessage() {
    ChatRequest r = ChatRequest.builder().model("m")
        .system("sys").user("first").assistant("reply").user("second").assistant("another reply").build();
    assertThat(r.lastUserText()).isEqualTo("second");
    assertThat(ChatRequest.builder().model("m").system("only system").build().lastUserText()).isEmpty();
    assertThat(ChatRequest.builder().model("m").message(new ChatMessage(Role.of("USER"), "shouted")).build()
        .lastUserText()).isEqualTo("shouted");
  }

  @Test
  void extraBodyKeepsValues() {
    ChatRequest r = valid().extraBody("reasoning", Map.of("effort", "high")).build();
    assertThat(r.extraBody()).containsEntry("reasoning", Map.of("effort", "high"));
  }

  @Test
  void extraBodyKeepsInsertionOrderAndRefusesNullValues() {
    ChatRequest r = valid().extraBody("z_last", 1).extraBody("a_first", 2).extraBody("m_mid", 3).build();
    assertThat(r.extraBody().keySet()).containsExactly("z_last", "a_first", "m_mid");
    assertThatThrownBy(() -> valid().extraBody("top_k", null).build())
        .isInstanceOf(dev.aigw.core.error.ValidationException.class)
        .hasMessageContaining("extraBody")
        .hasMessageContaining("'top_k' is null");
  }
}
