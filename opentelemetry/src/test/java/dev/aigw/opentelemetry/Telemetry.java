package dev.aigw.opentelemetry;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.data.PointData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** An in-memory OpenTelemetry SDK, and ways to read what it exported. */
final class Telemetry implements AutoCloseable {
  final InMemorySpanExporter spans = InMemorySpanExporter.create();
  final InMemoryMetricReader metrics = InMemoryMetricReader.create();
  final OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
      .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build())
      .setMeterProvider(SdkMeterProvider.builder().registerMetricReader(metrics).build())
      .build();
  final OpenTelemetryListener listener = OpenTelemetryListener.create(sdk);

  /** The finished spans named {@code name}. */
  List<SpanData> spans(String name) {
    return spans.getFinishedSpanItems().stream().filter(s -> s.getName().equals(name)).toList();
  }

  /** The one finished span named {@code name}. */
  SpanData span(String name) {
    List<SpanData> found = spans(name);
    if (found.size() != 1) {
      throw new AssertionError("expected one span " + name + ", found " + found.size() + " among "
          + spans.getFinishedSpanItems().stream().map(SpanData::getName).toList());
    }
    return found.get(0);
  }

  /** Every metric collected now, by name. */
  Map<String, MetricData> metrics() {
    return metrics.collectAllMetrics().stream().collect(Collectors.toMap(MetricData::getName, m -> m, (a, b) -> a));
  }

  /** The histogram points of a metric. */
  static List<HistogramPointData> histogram(MetricData metric) {
    return new ArrayList<>(metric.getHistogramData().getPoints());
  }

  /**
   * Everything exported as text: span names, attributes, events and their attributes, links,
   * statuses, and every metric point's attributes — to search for what must never be there.
   */
  String everything() {
    StringBuilder sb = new StringBuilder();
    for (SpanData s : spans.getFinishedSpanItems()) {
      sb.append(s.getName()).append('\n').append(text(s.getAttributes())).append('\n')
          .append(s.getStatus().getDescription()).append('\n');
      for (EventData e : s.getEvents()) {
        sb.append(e.getName()).append(' ').append(text(e.getAttributes())).append('\n');
      }
      for (LinkData l : s.getLinks()) {
        sb.append(text(l.getAttributes())).append('\n');
      }
      sb.append(text(s.getResource().getAttributes())).append('\n');
    }
    for (MetricData m : metrics.collectAllMetrics()) {
      Collection<? extends PointData> points = m.getData().getPoints();
      for (PointData p : points) {
        sb.append(m.getName()).append(' ').append(text(p.getAttributes())).append('\n');
      }
    }
    return sb.toString();
  }

  private static String text(Attributes attributes) {
    StringBuilder sb = new StringBuilder();
    attributes.forEach((AttributeKey<?> k, Object v) -> sb.append(k.getKey()).append('=').append(v).append(' '));
    return sb.toString();
  }

  @Override
  public void close() {
    sdk.close();
  }
}
