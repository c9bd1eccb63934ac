package dev.aigw.smoke;

import dev.aigw.core.AiClient;
import dev.aigw.core.AiClients;
import dev.aigw.core.ClientOptions;
import dev.aigw.core.chat.ChatChunk;
import dev.aigw.core.chat.ChatRequest;
import dev.aigw.core.chat.ChatStream;
import dev.aigw.core.error.SharedStateException;
import dev.aigw.core.image.ImageRequest;
import dev.aigw.core.image.ImageResult;
import dev.aigw.core.operation.Operation;
import dev.aigw.redis.RedisSharedState;
import dev.aigw.testkit.FakeCheapSub;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;

/**
 * Runs on the module path only: finds the CheapSub provider by name through {@link AiClients}
 * (service binding, no {@code --add-modules}), makes a chat call, reads a streamed chat to the end
 * and waits on an image operation, all against the testkit's fake; then loads aigw-redis (Lettuce,
 * an automatic module) and sees a Redis that is not there fail as a typed exception. Exits
 * non-zero on any failure.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) throws Exception {
    Module self = Main.class.getModule();
    check(self.isNamed(), "the app runs as a named module");
    check(AiClient.class.getModule().getName().equals("dev.aigw.core"), "aigw-core is the module dev.aigw.core");
    System.out.println("providers found: " + AiClients.available().keySet());
    check(AiClients.available().keySet().containsAll(
        java.util.Set.of("cheapsub", "cloudgpt", "gptimagehub", "icodeeasy", "gptimage2")), "all five providers are bound");
    try (FakeCheapSub fake = FakeCheapSub.start().chatReply("Seoul is the capital.");
         AiClient client = AiClients.create("cheapsub",
             ClientOptions.builder().apiKey(fake.apiKey()).baseUrl(fake.baseUrl()).build())) {
      check(client.getClass().getModule().getName().equals("dev.aigw.cheapsub"), "the client comes from dev.aigw.cheapsub");
      String reply = client.chat().create(ChatRequest.builder().user("capital of Korea?").build()).text();
      System.out.println("chat: " + reply);
      check(reply.contains("Seoul"), "chat answered");

      StringBuilder streamed = new StringBuilder();
      int chunks = 0;
      try (ChatStream stream = client.chat().stream(ChatRequest.builder().user("again").build())) {
        for (ChatChunk chunk : stream) {
          streamed.append(chunk.text());
          chunks++;
        }
      }
      System.out.println("stream: " + chunks + " chunks: " + streamed);
      check(chunks > 1 && streamed.toString().contains("Seoul"), "the stream was read to the end");

      Operation<ImageResult> job = client.images().submit(ImageRequest.builder()
          .model("nano-banana-2").prompt("a cat on a windowsill").build());
      ImageResult image = job.waitForCompletion(Duration.ofSeconds(30));
      byte[] png = image.images().get(0).bytes();
      System.out.println("image: operation " + job.id() + ", " + png.length + " bytes");
      check(png.length > 8 && png[1] == 'P' && png[2] == 'N' && png[3] == 'G', "the image is a PNG");
    }

    int port;
    try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = closed.getLocalPort(); // closed again below: nothing listens there
    }
    check(RedisSharedState.class.getModule().getName().equals("dev.aigw.redis"), "aigw-redis is dev.aigw.redis");
    try (RedisSharedState shared = RedisSharedState.builder("redis://127.0.0.1:" + port)
        .commandTimeout(Duration.ofSeconds(2)).build()) {
      check(false, "a Redis that is not there fails (connected to " + shared + ")");
    } catch (SharedStateException e) {
      System.out.println("redis: " + e.getMessage());
    }
    String url = System.getenv("AIGW_REDIS_URL");
    if (url != null) { // a real Redis: Lettuce connects and answers from the module path too
      try (RedisSharedState shared = RedisSharedState.connect(url)) {
        String id = "module-smoke-" + System.nanoTime();
        check(shared.deliveries().firstDelivery(id), "a new delivery id is new in Redis");
        check(!shared.deliveries().firstDelivery(id), "the same delivery id is seen in Redis");
        shared.deliveries().forget(id);
        System.out.println("redis at " + shared + ": a delivery id set and seen");
      }
    }
    System.out.println("module-path smoke test passed");
  }

  private static void check(boolean ok, String what) {
    if (!ok) {
      throw new AssertionError("module-path smoke test failed: " + what);
    }
  }
}
