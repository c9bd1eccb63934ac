package dev.aigw.core.routing;

import dev.aigw.core.AiClient;
import dev.aigw.core.Capability;
import dev.aigw.core.chat.ChatChunk;
import dev.aigw.core.chat.ChatMessage;
import dev.aigw.core.chat.ChatRequest;
import dev.aigw.core.chat.ChatResponse;
import dev.aigw.core.chat.ChatService;
import dev.aigw.core.chat.ChatStream;
import dev.aigw.core.http.RateLimit;
import dev.aigw.core.http.RawResponse;
import dev.aigw.core.image.ImageRequest;
import dev.aigw.core.image.ImageResult;
import dev.aigw.core.image.ImageService;
import dev.aigw.core.model.Modality;
import dev.aigw.core.model.ModelInfo;
import dev.aigw.core.model.ModelService;
import dev.aigw.core.operation.Operation;
import dev.aigw.core.operation.OperationSnapshot;
import dev.aigw.core.operation.OperationStatus;
import dev.aigw.core.profile.CheckResult;
import dev.aigw.core.profile.GatewayProfile;
import dev.aigw.core.profile.Refusal;
import dev.aigw.core.stream.EventStream;
import dev.aigw.core.video.VideoRequest;
import dev.aigw.core.video.VideoResult;
import dev.aigw.core.video.VideoService;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A client whose calls do what the test scripts: each call takes the next step (a failure to
 * throw, or {@code OK}, or {@code FAILED_TASK}), and answers with a result naming the vendor.
 */
final class ScriptedClient implements AiClient {
  /** A step that succeeds. */
  static final RuntimeException OK = new RuntimeException("ok");
  /** A step whose task is accepted and then fails. */
  static final RuntimeException FAILED_TASK = new RuntimeException("failed task");

  private final String vendor;
  private final Set<Capability> capabilities;
  private final boolean refunds;
  private final Deque<RuntimeException> steps = new ArrayDeque<>();
  final List<String> calls = new ArrayList<>();
  final AtomicInteger closes = new AtomicInteger();
  private String refusedPrompt;
  private RuntimeException onClose;
  private final AtomicInteger ids = new AtomicInteger();
  private boolean failTask;

  ScriptedClient(String vendor, boolean refunds, Capability... capabilities) {
    this.vendor = vendor;
    this.refunds = refunds;
    this.capabilities = capabilities.length == 0 ? EnumSet.noneOf(Capability.class) : EnumSet.of(capabilities[0], capabilities);
  }

  ScriptedClient then(RuntimeException... next) {
    steps.addAll(List.of(next));
    return this;
  }

  /** {@code check()} refuses requests whose prompt (or last user message) is {@code prompt}. */
  ScriptedClient refusing(String prompt) {
    this.refusedPrompt = prompt;
    return this;
  }

  ScriptedClient failingToClose(RuntimeException e) {
    this.onClose = e;
    return this;
  }

  private void step(String call) {
    calls.add(call);
    RuntimeException next = steps.isEmpty() ? OK : steps.poll();
    if (next != OK && next != FAILED_TASK) {
      throw next;
    }
    failTask = next == FAILED_TASK;
  }

  private boolean takeFailedTask() {
    boolean fail = failTask;
    failTask = false;
    return fail;
  }

  private <T> Operation<T> operation(T result) {
    String id = "op-" + ids.incrementAndGet();
    if (takeFailedTask()) {
      return Operation.completed(vendor, OperationSnapshot.failed(id, OperationStatus.FAILED, "failed", "x", "boom", null));
    }
    return Operation.succeeded(vendor, id, result);
  }

  private CheckResult verdict(String text) {
    return text.equals(refusedPrompt)
        ? CheckResult.refused(new Refusal(vendor, "prompt", "is refused here")) : CheckResult.accepted(vendor);
  }

  @Override
  public String vendor() {
    return vendor;
  }

  @Override
  public Set<Capability> capabilities() {
    return capabilities;
  }

  @Override
  public GatewayProfile profile() {
    return new GatewayProfile(vendor, capabilities, null, null, null, refunds);
  }

  @Override
  public CheckResult check(ImageRequest request) {
    return verdict(request.prompt());
  }

  @Override
  public CheckResult check(VideoRequest request) {
    return verdict(request.prompt());
  }

  @Override
  public CheckResult check(ChatRequest request) {
    return verdict(request.lastUserText());
  }

  private static <T> RawResponse<T> raw(T body) {
    return new RawResponse<>(200, Map.of(), null, RateLimit.NONE, 1, Duration.ZERO, body);
  }

  @Override
  public ImageService images() {
    if (!supports(Capability.IMAGES)) {
      return AiClient.super.images();
    }
    return new ImageService() {
      @Override
      public Operation<ImageResult> resume(String operationId) {
        calls.add("resume " + operationId);
        return Operation.succeeded(vendor, operationId, new ImageResult(vendor + "-resumed", List.of(), null, null));
      }

      @Override
      public Raw withRawResponse() {
        return request -> {
          step("image");
          return raw(operation(new ImageResult(vendor, List.of(), null, null)));
        };
      }
    };
  }

  @Override
  public VideoService videos() {
    if (!supports(Capability.VIDEOS)) {
      return AiClient.super.videos();
    }
    return new VideoService() {
      @Override
      public Operation<VideoResult> resume(String operationId) {
        calls.add("resume " + operationId);
        return Operation.succeeded(vendor, operationId, new VideoResult(vendor + "-resumed", null, null, null));
      }

      @Override
      public Raw withRawResponse() {
        return request -> {
          step("video");
          return raw(operation(new VideoResult(vendor, null, null, null)));
        };
      }
    };
  }

  @Override
  public ChatService chat() {
    if (!supports(Capability.CHAT)) {
      return AiClient.super.chat();
    }
    return new ChatService() {
      @Override
      public ChatStream stream(ChatRequest request) {
        step("stream");
        Deque<ChatChunk> chunks = new ArrayDeque<>(List.of(new ChatChunk(null, null, vendor, null, null, null)));
        return new ChatStream(new EventStream.Source<>() {
          @Override
          public ChatChunk next() {
            return chunks.poll();
          }

          @Override
          public void close() {}
        });
      }

      @Override
      public Raw withRawResponse() {
        return request -> {
          step("chat");
          return raw(new ChatResponse(null, null, ChatMessage.assistant(vendor), "stop", null, null));
        };
      }
    };
  }

  @Override
  public ModelService models() {
    if (!supports(Capability.MODELS)) {
      return AiClient.super.models();
    }
    return () -> () -> {
      step("models");
      return raw(List.of(new ModelInfo(vendor + "-model", null, Modality.IMAGE, null, null, null, null, null)));
    };
  }

  @Override
  public void close() {
    closes.incrementAndGet();
    if (onClose != null) {
      throw onClose;
    }
  }

  @Override
  public String toString() {
    return "Scripted[" + vendor + "]";
  }
}
