package com.example.capitals;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.aigw.cheapsub.CheapSubClient;
import dev.aigw.testkit.FakeCheapSub;
import org.junit.jupiter.api.Test;

class CapitalsTest {

  @Test
  void asksTheModelAndReturnsItsAnswer() {
    try (FakeCheapSub fake = FakeCheapSub.start();
        CheapSubClient client = CheapSubClient.builder().baseUrl(fake.baseUrl()).apiKey(fake.apiKey()).build()) {
      fake.chatReply("Seoul");

      assertEquals("Seoul", new Capitals(client).capitalOf("South Korea"));
      assertEquals(1, fake.journal().requests("POST", "/api/v1/chat").size());
    }
  }
}
