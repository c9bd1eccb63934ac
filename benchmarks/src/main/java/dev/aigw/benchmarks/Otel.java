package dev.aigw.benchmarks;

import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.export.CollectionRegistration;
import io.opentelemetry.sdk.metrics.export.MetricReader;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Collection;

/**
 * The OpenTelemetry SDK as an application would set it up, minus the network: every span is
 * sampled, recorded and handed to a {@link BatchSpanProcessor} (the SDK's production processor,
 * with its own export thread) whose exporter drops the batch; metrics go to an SDK meter provider
 * with a registered reader, so every measurement is aggregated (the reader is never asked to
 * collect, as a periodic reader would every minute).
 */
public final class Otel implements AutoCloseable {
  /** The SDK. */
  public final OpenTelemetrySdk sdk;

  /** Builds the SDK. */
  public Otel() {
    SpanExporter drop = new SpanExporter() {
      @Override
      public CompletableResultCode export(Collection<SpanData> spans) {
        return CompletableResultCode.ofSuccess();
      }

      @Override
      public CompletableResultCode flush() {
        return CompletableResultCode.ofSuccess();
      }

      @Override
      public CompletableResultCode shutdown() {
        return CompletableResultCode.ofSuccess();
      }
    };
    MetricReader keep = new MetricReader() {
      @Override
      public void register(CollectionRegistration registration) {
        // never collected
      }

      @Override
      public CompletableResultCode forceFlush() {
        return CompletableResultCode.ofSuccess();
      }

      @Override
      public CompletableResultCode shutdown() {
        return CompletableResultCode.ofSuccess();
      }

      @Override
      public AggregationTemporality getAggregationTemporality(InstrumentType type) {
        return AggregationTemporality.CUMULATIVE;
      }
    };
    sdk = OpenTelemetrySdk.builder()
        .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(BatchSpanProcessor.builder(drop).build()).build())
        .setMeterProvider(SdkMeterProvider.builder().registerMetricReader(keep).build())
        .build();
  }

  @Override
  public void close() {
    sdk.close();
  }
}
