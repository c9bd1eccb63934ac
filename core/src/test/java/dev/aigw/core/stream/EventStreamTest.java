package dev.aigw.core.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aigw.core.error.StreamException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The iteration and closing contract of {@link EventStream}, over an in-memory source. */
class EventStreamTest {

  @Test
  void itemsComeInOrderAndTheEndClosesTheSource() {
    FakeSource source = new FakeSource("a", "b");
    EventStream<String> stream = new EventStream<>(source);

    Iterator<String> it = stream.iterator();
    assertThat(it.next()).isEqualTo("a");
    assertThat(it.next()).isEqualTo("b");
    assertThat(it.hasNext()).isFalse();

    assertThatThrownBy(it::next).isInstanceOf(NoSuchElementException.class);
    assertThat(stream.isClosed()).isTrue();
    assertThat(source.closes).isEqualTo(1);
  }

  @Test
  void closeIsIdempotentAndEndsTheIteration() {
    FakeSource source = new FakeSource("a", "b", "c");
    EventStream<String> stream = new EventStream<>(source);
    Iterator<String> it = stream.iterator();
    assertThat(it.next()).isEqualTo("a");

    stream.close();
    stream.close();

    assertThat(it.hasNext()).isFalse();
    assertThat(source.closes).isEqualTo(1);
    assertThat(source.reads).as("nothing read after close").isEqualTo(1);
  }

  @Test
  void aStreamClosedBeforeIterationYieldsNothing() {
    FakeSource source = new FakeSource("a");
    EventStream<String> stream = new EventStream<>(source);
    stream.close();

    assertThat(stream.stream().collect(Collectors.toList())).isEmpty();
    assertThat(source.reads).isZero();
  }

  @Test
  void aFailureFromTheSourceClosesTheStreamAndEndsIt() {
    FakeSource source = new FakeSource("a", null);
    EventStream<String> stream = new EventStream<>(source);
    Iterator<String> it = stream.iterator();
    assertThat(it.next()).isEqualTo("a");

    assertThatThrownBy(it::hasNext).isInstanceOf(StreamException.class).hasMessage("boom");
    assertThat(stream.isClosed()).isTrue();
    assertThat(source.closes).isEqualTo(1);
    assertThat(it.hasNext()).isFalse();
  }

  @Test
  void aStreamCanBeIteratedOnlyOnce() {
    EventStream<String> stream = new EventStream<>(new FakeSource("a"));
    assertThat(stream.stream().toList()).containsExactly("a");

    assertThatThrownBy(stream::iterator).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(stream::stream).isInstanceOf(IllegalStateException.class);
  }

  /** Hands out its items; a {@code null} item throws a {@link StreamException}. */
  private static final class FakeSource implements EventStream.Source<String> {
    private final Deque<String> items = new ArrayDeque<>();
    private final boolean failAtEnd;
    int reads;
    int closes;

    FakeSource(String... items) {
      List<String> list = java.util.Arrays.asList(items);
      this.failAtEnd = list.contains(null);
      list.stream().filter(java.util.Objects::nonNull).forEach(this.items::add);
    }

    @Override
    public String next() {
      reads++;
      if (items.isEmpty() && failAtEnd) {
        throw new StreamException("test", "boom", null, null);
      }
      return items.poll();
    }

    @Override
    public void close() {
      closes++;
    }
  }
}
