package dev.aigw.core.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import okio.Buffer;
import okio.BufferedSource;
import okio.Okio;
import okio.Source;
import okio.Timeout;
import org.junit.jupiter.api.Test;

/**
 * {@link SseParser} against a {@link Wire}: a stand-in for a socket that hands out the pieces the
 * server has sent, one read each, and fails a read that a real socket would block on. So every test
 * also checks that the parser asks for no byte it does not need.
 */
class SseParserTest {

  record Event(String id, String type, String data) {
  }

  private final Wire wire = new Wire();
  private final BufferedSource buffered = Okio.buffer(wire);
  private final SseParser parser = new SseParser(buffered);
  private final List<Event> events = new ArrayList<>();
  private final List<Long> retries = new ArrayList<>();
  private final SseParser.Listener listener = new SseParser.Listener() {
    @Override
    public void onEvent(String id, String type, String data) {
      events.add(new Event(id, type, data));
    }

    @Override
    public void onRetry(long millis) {
      retries.add(millis);
    }
  };

  // ---- cost ----

  /**
   * A {@code data:} line is read as one copy of its value: not the line, then the field name and
   * the value cut out of it, then the event's data copied again out of a buffer (≈770 bytes per
   * 200-byte event before, ≈250 now). Measured on this thread over 1,000 events, the quietest of
   * eight rounds (a JIT compilation can allocate once under load; a per-event cost shows in every
   * round).
   */
  @Test
  void aDataLineCostsOneCopyOfItsValue() throws IOException {
    String value = "{\"choices\":[{\"delta\":{\"content\":\"tok \"}}]," + "\"pad\":\"" + "x".repeat(149) + "\"}";
    assertThat(value).hasSize(200);
    okio.ByteString stream = okio.ByteString.encodeUtf8(("data: " + value + "\n\n").repeat(1000));
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
    long id = Thread.currentThread().getId();
    long fewest = Long.MAX_VALUE;
    int[] seen = new int[1];
    SseParser.Listener count = (eventId, type, data) -> seen[0] += data.length() == 200 ? 1 : 0;
    for (int round = 0; round < 10; round++) {
      Buffer source = new Buffer().write(stream);
      SseParser p = new SseParser(source);
      long before = threads.getThreadAllocatedBytes(id);
      while (p.next(count)) {
        // every event
      }
      long allocated = threads.getThreadAllocatedBytes(id) - before;
      if (round >= 2) {
        fewest = Math.min(fewest, allocated);
      }
    }
    assertThat(seen[0]).isEqualTo(10_000);
    assertThat(fewest / 1000).as("bytes allocated per 200-byte event").isLessThanOrEqualTo(320);
  }

  // ---- line ends ----

  @Test
  void linesEndWithLf() throws IOException {
    wire.deliver("data: a\ndata: b\n\n");

    assertThat(next()).isEqualTo(new Event(null, null, "a\nb"));
  }

  @Test
  void linesEndWithCrLf() throws IOException {
    wire.deliver("event: t\r\ndata: a\r\ndata: b\r\n\r\n");

    assertThat(next()).isEqualTo(new Event(null, "t", "a\nb"));
  }

  @Test
  void linesEndWithALoneCrAndTheEventIsDispatchedWithoutWaitingForAnLf() throws IOException {
    // the wire fails any read past this piece: the last CR must end the event without a peek
    wire.deliver("data: a\rdata: b\r\r");

    assertThat(next()).isEqualTo(new Event(null, null, "a\nb"));
  }

  @Test
  void aCrAndAnLfDeliveredSeparatelyAreOneLineEnd() throws IOException {
    wire.deliver("data: a\r", "\n", "data: b\r", "\n", "\r", "\n");

    assertThat(next()).isEqualTo(new Event(null, null, "a\nb"));
    wire.end();
    assertThat(parser.next(listener)).isFalse();
    assertThat(events).hasSize(1);
  }

  @Test
  void anLfThatArrivesInALaterCallAfterTheCrIsStillPartOfItsLineEnd() throws IOException {
    wire.deliver("data: a\r\n\r", "event: t\r");

    assertThat(next()).isEqualTo(new Event(null, null, "a"));
    assertThat(wire.unreadPieces()).as("the next piece is left for the next call").isEqualTo(1);

    // if this LF were a blank line of its own, it would reset the type "t"
    wire.deliver("\n", "data: b\n\n");
    assertThat(next()).isEqualTo(new Event(null, "t", "b"));
  }

  @Test
  void aCrAtTheVeryEndOfTheStreamEndsTheLastLine() throws IOException {
    wire.deliver("data: a\r").end();

    assertThat(next()).isEqualTo(new Event(null, null, "a"));
    assertThat(parser.next(listener)).isFalse();
  }

  // ---- fields ----

  @Test
  void oneSpaceAfterTheColonIsDroppedAndNoMore() throws IOException {
    wire.deliver("data: a\n\n", "data:b\n\n", "data:  c\n\n", "data:d: e\n\n", "data:\t f\n\n");

    List<Event> read = List.of(next(), next(), next(), next(), next());

    assertThat(read).extracting(Event::data).containsExactly("a", "b", " c", "d: e", "\t f");
  }

  @Test
  void aFieldNameAloneHasAnEmptyValue() throws IOException {
    wire.deliver("data\n\n", "data\ndata\n\n", "data:\ndata: x\n\n", "event\ndata: y\n\n");

    assertThat(next()).isEqualTo(new Event(null, null, ""));
    assertThat(next()).isEqualTo(new Event(null, null, "\n"));
    assertThat(next()).isEqualTo(new Event(null, null, "\nx"));
    assertThat(next()).isEqualTo(new Event(null, null, "y"));
  }

  @Test
  void commentsAreIgnored() throws IOException {
    wire.deliver(": a comment\ndata: a\n:\n:data: not data\n\n", ": keep-alive\n\n", "data: b\n\n");

    assertThat(next()).isEqualTo(new Event(null, null, "a"));
    assertThat(next()).isEqualTo(new Event(null, null, "b"));
  }

  @Test
  void dataLinesAreJoinedWithLf() throws IOException {
    wire.deliver("data: {\"a\":\ndata: 1}\ndata:\ndata: last\n\n");

    assertThat(next()).isEqualTo(new Event(null, null, "{\"a\":\n1}\n\nlast"));
  }

  @Test
  void eventSetsTheTypeOfOneEventOnly() throws IOException {
    wire.deliver("event: delta\ndata: a\n\n", "data: b\n\n", "event: x\nevent: y\ndata: c\n\n",
        "event: z\nevent:\ndata: d\n\n");

    assertThat(next()).isEqualTo(new Event(null, "delta", "a"));
    assertThat(next()).isEqualTo(new Event(null, null, "b"));
    assertThat(next()).isEqualTo(new Event(null, "y", "c"));
    assertThat(next()).as("an empty type is the default type").isEqualTo(new Event(null, null, "d"));
  }

  @Test
  void theLastEventIdIsKeptAcrossEvents() throws IOException {
    wire.deliver("id: 1\ndata: a\n\n", "data: b\n\n", "data: c\nid: 2\n\n", "id: 3\n\n", "data: d\n\n",
        "id: 4\u0000x\ndata: e\n\n", "id\ndata: f\n\n", "id: 5\ndata: g\n\n", "id:\ndata: h\n\n");

    List<Event> read = List.of(next(), next(), next(), next(), next(), next(), next());

    assertThat(read).containsExactly(
        new Event("1", null, "a"),
        new Event("1", null, "b"),
        new Event("2", null, "c"), // set before the blank line: it is the id of this event
        new Event("3", null, "d"), // set by a blank event, which dispatches nothing
        new Event("3", null, "e"), // an id with NUL is ignored
        new Event(null, null, "f"), // an empty id clears it
        new Event("5", null, "g"));
    assertThat(next()).isEqualTo(new Event(null, null, "h"));
  }

  @Test
  void retryWithOnlyAsciiDigitsIsReported() throws IOException {
    wire.deliver("retry: 3000\ndata: a\n\n",
        "retry: 0042\nretry: 3s\nretry: -1\nretry: +5\nretry: 1.5\nretry:\nretry: \u0661\u0662\n"
            + "retry:  7\nretry: 99999999999999999999\nretry: 9223372036854775807\ndata: b\n\n",
        "retry: 10\n\n")
        .end();

    assertThat(next()).isEqualTo(new Event(null, null, "a"));
    assertThat(retries).containsExactly(3000L);
    assertThat(next()).isEqualTo(new Event(null, null, "b"));
    assertThat(retries).containsExactly(3000L, 42L, Long.MAX_VALUE);
    assertThat(parser.next(listener)).as("a retry alone is no event").isFalse();
    assertThat(retries).containsExactly(3000L, 42L, Long.MAX_VALUE, 10L);
  }

  @Test
  void aRetryIsIgnoredByAListenerThatDoesNotAskForIt() throws IOException {
    wire.deliver("retry: 10\ndata: a\n\n");
    List<String> data = new ArrayList<>();

    assertThat(parser.next((id, type, d) -> data.add(d))).isTrue();

    assertThat(data).containsExactly("a");
  }

  @Test
  void unknownFieldsAreIgnored() throws IOException {
    wire.deliver("foo: bar\nDATA: x\ndata : y\n data: z\nEvent: e\nid : 9\ndata: a\n\n");

    assertThat(next()).isEqualTo(new Event(null, null, "a"));
  }

  // ---- dispatch ----

  @Test
  void aBlankLineWithoutDataDispatchesNothingAndResetsTheType() throws IOException {
    wire.deliver("\n", "\r\n", "event: ping\n\n", "id: 7\n\n", "data: a\n\n");

    assertThat(next()).isEqualTo(new Event("7", null, "a"));
    assertThat(events).hasSize(1);
  }

  @Test
  void oneEventPerCallReadingNoPieceItDoesNotNeed() throws IOException {
    wire.deliver("data: a\n\n", "data: b\n", "\n", "data: c\n\n");

    assertThat(next()).isEqualTo(new Event(null, null, "a"));
    assertThat(wire.unreadPieces()).isEqualTo(3);
    assertThat(next()).isEqualTo(new Event(null, null, "b"));
    assertThat(wire.unreadPieces()).isEqualTo(1);
    assertThat(next()).isEqualTo(new Event(null, null, "c"));
    assertThat(wire.unreadPieces()).isZero();
  }

  @Test
  void eventsAlreadyInOneReadAreStillHandedOutOnePerCall() throws IOException {
    wire.deliver("data: a\n\ndata: b\n\nevent: t\ndata: c\n\n").end();

    assertThat(next()).isEqualTo(new Event(null, null, "a"));
    assertThat(next()).isEqualTo(new Event(null, null, "b"));
    assertThat(next()).isEqualTo(new Event(null, "t", "c"));
    assertThat(parser.next(listener)).isFalse();
  }

  // ---- end of stream ----

  @Test
  void aLastEventWithoutItsBlankLineIsDispatchedAtTheEnd() throws IOException {
    wire.deliver("data: a\n\n", "id: 1\nevent: last\ndata: b\ndata: c\n").end();

    assertThat(next()).isEqualTo(new Event(null, null, "a"));
    assertThat(next()).isEqualTo(new Event("1", "last", "b\nc"));
    assertThat(parser.next(listener)).isFalse();
    assertThat(parser.next(listener)).as("and on every later call").isFalse();
    assertThat(events).hasSize(2);
  }

  @Test
  void aLastLineWithoutItsLineEndIsRead() throws IOException {
    wire.deliver("data: a\ndata: [DO", "NE]").end();

    assertThat(next()).isEqualTo(new Event(null, null, "a\n[DONE]"));
    assertThat(parser.next(listener)).isFalse();
  }

  @Test
  void theEndWithoutDataDispatchesNothing() throws IOException {
    wire.deliver("data: a\n\n", "event: t\nid: 2\nretry: 5\n: bye").end();

    assertThat(next()).isEqualTo(new Event(null, null, "a"));
    assertThat(parser.next(listener)).isFalse();
    assertThat(events).hasSize(1);
  }

  @Test
  void anEmptyStreamHasNoEvent() throws IOException {
    wire.end();

    assertThat(parser.next(listener)).isFalse();
    assertThat(parser.next(listener)).isFalse();
    assertThat(events).isEmpty();
  }

  @Test
  void aFailedReadIsThrown() {
    wire.deliver("data: a\n").fail(new IOException("connection reset"));

    assertThatThrownBy(() -> parser.next(listener)).isInstanceOf(IOException.class).hasMessage("connection reset");
    assertThat(events).isEmpty();
  }

  // ---- bytes ----

  @Test
  void aByteOrderMarkAtTheStartIsSkipped() throws IOException {
    wire.deliver(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}).deliver("data: a\n\n");

    assertThat(next()).isEqualTo(new Event(null, null, "a"));
  }

  @Test
  void aByteOrderMarkDeliveredByteByByteIsSkipped() throws IOException {
    wire.deliver(new byte[] {(byte) 0xEF}).deliver(new byte[] {(byte) 0xBB}).deliver(new byte[] {(byte) 0xBF})
        .deliver("data: a\n\n");

    assertThat(next()).isEqualTo(new Event(null, null, "a"));
  }

  @Test
  void aByteOrderMarkLaterIsPartOfTheLine() throws IOException {
    // the second line's field name is "\uFEFFdata", an unknown field
    wire.deliver("\uFEFFdata: a\n\n\uFEFFdata: b\n\n").end();

    assertThat(next()).isEqualTo(new Event(null, null, "a"));
    assertThat(parser.next(listener)).isFalse();
  }

  @Test
  void aStreamOfOneShortLineIsNotHeldBackByTheByteOrderMarkCheck() throws IOException {
    // "\n" is not the start of a byte order mark: the check must not ask for 3 bytes
    wire.deliver("\n");

    assertThatThrownBy(() -> parser.next(listener)).isInstanceOf(WouldBlock.class);
    assertThat(buffered.getBuffer().size()).as("the blank line was read before the parser waited").isZero();
    wire.deliver("data: a\n\n");
    assertThat(next()).isEqualTo(new Event(null, null, "a"));
  }

  @Test
  void utf8SplitAcrossReadsIsDecodedAndMalformedBytesBecomeReplacementCharacters() throws IOException {
    byte[] text = "data: 서울 ✓\n\n".getBytes(UTF_8);
    for (byte b : text) {
      wire.deliver(new byte[] {b});
    }
    wire.deliver(new byte[] {'d', 'a', 't', 'a', ':', ' ', (byte) 0xFF, 'x', '\n', '\n'});

    assertThat(next()).isEqualTo(new Event(null, null, "서울 ✓"));
    assertThat(next()).isEqualTo(new Event(null, null, "\uFFFDx"));
  }

  @Test
  void aDataLineOfOneMegabyteIsRead() throws IOException {
    String big = "x".repeat(1024 * 1024 - 1) + "y";
    byte[] bytes = ("data: " + big + "\n\ndata: small\n\n").getBytes(UTF_8);
    for (int at = 0; at < bytes.length; at += 8191) {
      byte[] piece = new byte[Math.min(8191, bytes.length - at)];
      System.arraycopy(bytes, at, piece, 0, piece.length);
      wire.deliver(piece);
    }
    wire.end();

    Event event = next();
    assertThat(event.data()).hasSize(1024 * 1024).isEqualTo(big);
    assertThat(next()).isEqualTo(new Event(null, null, "small"));
    assertThat(parser.next(listener)).isFalse();
  }

  @Test
  void tenThousandSmallEventsAreReadOnePerCall() throws IOException {
    int count = 10_000;
    for (int i = 0; i < count; i++) {
      wire.deliver("id: " + i + "\nevent: chunk\ndata: {\"n\":" + i + "}\n\n");
    }
    wire.end();

    for (int i = 0; i < count; i++) {
      assertThat(parser.next(listener)).isTrue();
      assertThat(events).hasSize(i + 1);
      assertThat(events.get(i)).isEqualTo(new Event(String.valueOf(i), "chunk", "{\"n\":" + i + "}"));
      assertThat(wire.unreadPieces()).isEqualTo(count - i - 1);
    }
    assertThat(parser.next(listener)).isFalse();
    assertThat(events).hasSize(count);
  }

  // ---- helpers ----

  /** Reads one event, which must be there, and returns it. */
  private Event next() throws IOException {
    int before = events.size();
    assertThat(parser.next(listener)).as("an event was dispatched").isTrue();
    assertThat(events).as("exactly one event per call").hasSize(before + 1);
    return events.get(before);
  }

  /** What a socket read would do when the server has sent nothing more: block. */
  static final class WouldBlock extends AssertionError {
    WouldBlock() {
      super("the parser asked for bytes the server has not sent yet: a socket would block here");
    }
  }

  /**
   * The client's end of a connection: each read hands out (up to the asked count of) the next
   * piece the server sent, never two pieces at once, like a socket read that returns what has
   * arrived.
   */
  static final class Wire implements Source {
    private final Deque<Buffer> pieces = new ArrayDeque<>();
    private boolean ended;
    private IOException failure;

    Wire deliver(String... texts) {
      for (String text : texts) {
        pieces.add(new Buffer().writeUtf8(text));
      }
      return this;
    }

    Wire deliver(byte[] bytes) {
      pieces.add(new Buffer().write(bytes));
      return this;
    }

    /** The server closes the stream after what it has sent. */
    Wire end() {
      ended = true;
      return this;
    }

    /** The connection fails after what the server has sent. */
    Wire fail(IOException e) {
      failure = e;
      return this;
    }

    int unreadPieces() {
      return pieces.size();
    }

    @Override
    public long read(Buffer sink, long byteCount) throws IOException {
      Buffer piece = pieces.peekFirst();
      if (piece == null) {
        if (failure != null) {
          throw failure;
        }
        if (ended) {
          return -1;
        }
        throw new WouldBlock();
      }
      long read = piece.read(sink, byteCount);
      if (piece.size() == 0) {
        pieces.removeFirst();
      }
      return read;
    }

    @Override
    public Timeout timeout() {
      return Timeout.NONE;
    }

    @Override
    public void close() {
    }
  }
}
