package dev.aigw.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aigw.core.operation.OperationStatus;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link TaskEngine} and {@link FakeTask}: queued → running → done over polls, plans, finishing by hand. */
class TaskEngineTest {
  private static final Instant NOW = Instant.parse("2026-03-20T15:25:57.464Z");

  private TaskEngine engine;
  private final List<FakeTask> finished = new ArrayList<>();

  @BeforeEach
  void setUp() {
    engine = new TaskEngine(Clock.fixed(NOW, ZoneOffset.UTC));
    engine.onFinish(finished::add);
  }

  @Test
  void newTaskIsQueuedWithItsRequest() {
    FakeTask task = engine.create("image", Map.of("prompt", "cat"));

    assertThat(task.id()).isNotBlank();
    assertThat(task.kind()).isEqualTo("image");
    assertThat(task.request()).containsEntry("prompt", "cat");
    assertThat(task.createdAt()).isEqualTo(NOW);
    assertThat(task.status()).isEqualTo(OperationStatus.QUEUED);
    assertThat(task.completedAt()).isNull();
    assertThat(task.failure()).isNull();
    assertThat(task.result()).isNull();
    assertThat(engine.size()).isEqualTo(1);
    assertThat(engine.create("image", Map.of()).id()).isNotEqualTo(task.id());
  }

  @Test
  void byDefaultATaskRunsOnTheFirstPollAndSucceedsOnTheSecond() {
    String id = engine.create("video", Map.of()).id();

    assertThat(engine.poll(id).orElseThrow().status()).isEqualTo(OperationStatus.RUNNING);
    assertThat(finished).isEmpty();
    FakeTask done = engine.poll(id).orElseThrow();

    assertThat(done.status()).isEqualTo(OperationStatus.SUCCEEDED);
    assertThat(done.completedAt()).isEqualTo(NOW);
    assertThat(finished).containsExactly(done);
  }

  @Test
  void pollsToFinishSetsHowManyPollsNewTasksTake() {
    engine.pollsToFinish(4);
    String slow = engine.create("image", Map.of()).id();
    engine.pollsToFinish(1);
    String fast = engine.create("image", Map.of()).id();

    assertThat(engine.poll(fast).orElseThrow().status()).isEqualTo(OperationStatus.SUCCEEDED);
    List<OperationStatus> seen = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      seen.add(engine.poll(slow).orElseThrow().status());
    }
    assertThat(seen).containsExactly(OperationStatus.RUNNING, OperationStatus.RUNNING, OperationStatus.RUNNING,
        OperationStatus.SUCCEEDED);
  }

  @Test
  void pollsToFinishBelowOneIsRefused() {
    assertThatThrownBy(() -> engine.pollsToFinish(0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1 or more");
  }

  @Test
  void finishedTaskStaysFinishedAndIsReportedOnce() {
    engine.pollsToFinish(1);
    String id = engine.create("image", Map.of()).id();

    engine.poll(id);
    engine.poll(id);
    FakeTask task = engine.poll(id).orElseThrow();

    assertThat(task.status()).isEqualTo(OperationStatus.SUCCEEDED);
    assertThat(task.polls()).isEqualTo(3);
    assertThat(finished).hasSize(1);
  }

  @Test
  void plannedOutcomesApplyToTheNextTasksInOrder() {
    engine.pollsToFinish(1).failNext("safety filter").blockNext("nsfw");

    FakeTask failed = engine.create("image", Map.of());
    FakeTask blocked = engine.create("image", Map.of());
    FakeTask fine = engine.create("image", Map.of());
    List.of(failed, blocked, fine).forEach(t -> engine.poll(t.id()));

    assertThat(failed.status()).isEqualTo(OperationStatus.FAILED);
    assertThat(failed.failure()).isEqualTo("safety filter");
    assertThat(blocked.status()).isEqualTo(OperationStatus.BLOCKED);
    assertThat(blocked.failure()).isEqualTo("nsfw");
    assertThat(fine.status()).isEqualTo(OperationStatus.SUCCEEDED);
    assertThat(fine.failure()).isNull();
    assertThat(finished).containsExactly(failed, blocked, fine);
  }

  @Test
  void finishEndsATaskAtOnceWithItsPlannedOutcome() {
    engine.pollsToFinish(50).failNext("later");
    FakeTask task = engine.create("video", Map.of());

    engine.finish(task.id());
    engine.finish(task.id());
    engine.finish("unknown");

    assertThat(task.status()).isEqualTo(OperationStatus.FAILED);
    assertThat(task.polls()).isZero();
    assertThat(task.completedAt()).isEqualTo(NOW);
    assertThat(finished).containsExactly(task);
    assertThat(engine.poll(task.id()).orElseThrow().status()).isEqualTo(OperationStatus.FAILED);
    assertThat(finished).hasSize(1);
  }

  @Test
  void getDoesNotCountAPollAndUnknownIdsAreEmpty() {
    FakeTask task = engine.create("image", Map.of());

    assertThat(engine.get(task.id())).containsSame(task);
    assertThat(task.polls()).isZero();
    assertThat(engine.get(null)).isEmpty();
    assertThat(engine.get("nope")).isEmpty();
    assertThat(engine.poll(null)).isEmpty();
    assertThat(engine.poll("nope")).isEmpty();
  }

  @Test
  void resultIsWhatTheFakeStored() {
    FakeTask task = engine.create("image", Map.of());
    task.result("http://127.0.0.1/files/x.png");

    assertThat(task.result()).isEqualTo("http://127.0.0.1/files/x.png");
  }
}
