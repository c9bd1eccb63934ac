package com.example.capitals;

import dev.aigw.cheapsub.CheapSubClient;
import dev.aigw.core.chat.ChatRequest;

/** Asks a model for a country's capital: the smallest app that uses aigw. */
public final class Capitals {
  private final CheapSubClient client;

  public Capitals(CheapSubClient client) {
    this.client = client;
  }

  public String capitalOf(String country) {
    return client.chat().create(ChatRequest.builder()
        .model("gemini-3-flash")
        .system("Answer with the city's name only.")
        .user("What is the capital of " + country + "?")
        .build()).text();
  }

  /** {@code CHEAPSUB_API_KEY=csk_… java … com.example.capitals.Capitals "South Korea"} */
  public static void main(String[] args) {
    try (CheapSubClient client = CheapSubClient.fromEnv()) {
      System.out.println(new Capitals(client).capitalOf(args.length > 0 ? args[0] : "South Korea"));
    }
  }
}
