package dev.aigw.core.spi;

import dev.aigw.core.error.AigwException;
import dev.aigw.core.error.ValidationException;
import dev.aigw.core.media.ImageFormat;
import dev.aigw.core.media.MediaDownloader;
import dev.aigw.core.media.MediaInput;
import dev.aigw.core.media.ReferenceHost;
import dev.aigw.core.media.SpoolFiles;
import dev.aigw.core.profile.ReferenceRules;
import dev.aigw.core.profile.ReferenceRules.Delivery;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * How a request's reference images reach one gateway ({@link ReferenceRules}), checked before
 * anything is sent: the count, each local image's type and size, and whether each can be
 * delivered at all. {@link #prepare} then does the I/O just before sending: a URL given to a
 * gateway that takes only uploads is downloaded (never with a key, streamed to a temporary file,
 * its size and type checked on the way); a local image given to a gateway that takes only URLs is
 * published by the client's {@link ReferenceHost}.
 */
public final class ReferencePlan {
  private static final Set<ImageFormat> ANY_IMAGE = EnumSet.allOf(ImageFormat.class);

  private final List<MediaInput> references;
  private final List<Delivery> deliveries;
  private final ReferenceRules rules;

  private ReferencePlan(List<MediaInput> references, List<Delivery> deliveries, ReferenceRules rules) {
    this.references = references;
    this.deliveries = deliveries;
    this.rules = rules;
  }

  /**
   * Checks {@code references} against {@code rules} and plans their delivery.
   *
   * @param references the request's references
   * @param rules how the gateway takes them (with or without a host)
   * @param checks where refusals go; a download is recorded as deferred (its checks need I/O)
   * @return the plan
   * @throws ValidationException on the first refusal (unless collecting)
   */
  public static ReferencePlan of(List<MediaInput> references, ReferenceRules rules, Checks checks) {
    String vendor = checks.vendor();
    if (!references.isEmpty() && !rules.supported()) {
      checks.reject("references", "is not supported by " + vendor + "; it takes no reference images");
      return new ReferencePlan(List.of(), List.of(), rules);
    }
    if (rules.maxCount() != null) {
      checks.atMost("references", references.size(), rules.maxCount());
    }
    List<Delivery> deliveries = new ArrayList<>();
    for (int i = 0; i < references.size(); i++) {
      MediaInput ref = references.get(i);
      Delivery delivery = rules.delivery(ref.kind());
      String which = "reference " + (i + 1);
      switch (delivery) {
        case AS_GIVEN, HOSTED -> {
          if (ref.isLocal()) {
            checks.image("references", ref, delivery == Delivery.HOSTED && rules.formats().isEmpty() ? ANY_IMAGE
                : rules.formats(), rules.maxBytes());
          }
        }
        case DOWNLOADED -> checks.defer(which + " is a URL: " + vendor + " takes uploads, so it is downloaded when"
            + " the request is sent (no key sent), and its type (" + names(rules.formats()) + ") and size (at most "
            + rules.maxBytes() + " bytes) are checked then");
        case REFUSED -> checks.reject("references", refusal(vendor, which, ref, rules));
      }
      deliveries.add(delivery);
    }
    return new ReferencePlan(references, List.copyOf(deliveries), rules);
  }

  private static String refusal(String vendor, String which, MediaInput ref, ReferenceRules rules) {
    if (rules.kinds().contains(MediaInput.Kind.URL)) {
      return which + " is " + kind(ref) + ", but " + vendor + " takes reference images as http(s) URLs only (it"
          + " fetches them itself): give a URL, or plug a ReferenceHost into the client (builder.referenceHost(…)) to"
          + " publish local images";
    }
    return which + " is " + kind(ref) + ", which " + vendor + " does not take (it takes " + kinds(rules.kinds()) + ")";
  }

  private static String kind(MediaInput ref) {
    return switch (ref.kind()) {
      case URL -> "a URL";
      case DATA_URL -> "a data: URL";
      case FILE -> "a local file";
      case BYTES -> "bytes in memory";
    };
  }

  private static String kinds(Set<MediaInput.Kind> kinds) {
    return kinds.stream().sorted().map(k -> k.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '))
        .reduce((a, b) -> a + ", " + b).orElse("none");
  }

  private static String names(Set<ImageFormat> formats) {
    return formats.stream().map(Enum::name).sorted().reduce((a, b) -> a + ", " + b).orElse("any image");
  }

  /**
   * The references as the request gave them.
   *
   * @return the references
   */
  public List<MediaInput> references() {
    return references;
  }

  /**
   * How each reference reaches the gateway, in order.
   *
   * @return the deliveries
   */
  public List<Delivery> deliveries() {
    return deliveries;
  }

  /**
   * Does the I/O the plan needs — downloads and publications — and returns the references in the
   * form the gateway takes. Close the result once the request is sent: it deletes downloaded
   * files.
   *
   * @param vendor the vendor, for messages
   * @param downloader downloads URLs without any key ({@link Gateway#downloader()})
   * @param host publishes local images, or {@code null}
   * @return the references to send
   * @throws ValidationException when a URL cannot be downloaded, or is not an accepted image of an
   *     accepted size
   * @throws AigwException when the host cannot publish an image
   */
  public Prepared prepare(String vendor, MediaDownloader downloader, ReferenceHost host) {
    Checks checks = Checks.of(vendor);
    List<MediaInput> out = new ArrayList<>();
    List<Path> temporary = new ArrayList<>();
    try {
      for (int i = 0; i < references.size(); i++) {
        MediaInput ref = references.get(i);
        String which = "reference " + (i + 1);
        switch (deliveries.get(i)) {
          case DOWNLOADED -> {
            Path file = download(checks, which, ref.url(), downloader);
            temporary.add(file);
            ImageFormat format = MediaInput.file(file).detectFormat();
            out.add(MediaInput.file(file, "reference-" + (i + 1) + "." + format.extension()));
          }
          case HOSTED -> out.add(publish(vendor, which, ref, host));
          default -> out.add(ref);
        }
      }
    } catch (RuntimeException e) {
      temporary.forEach(SpoolFiles::delete);
      throw e;
    }
    return new Prepared(out, temporary);
  }

  private Path download(Checks checks, String which, String url, MediaDownloader downloader) {
    String where = Urls.redact(url);
    Path file;
    try {
      file = SpoolFiles.create();
    } catch (IOException e) {
      throw new AigwException(checks.vendor(), "[" + checks.vendor() + "] no temporary file for " + which + ": " + e, e);
    }
    try (InputStream in = downloader.open(url); OutputStream out = Files.newOutputStream(file)) {
      byte[] head = in.readNBytes(ImageFormat.MAGIC_LENGTH);
      ImageFormat format = ImageFormat.detect(head, head.length);
      if (format == null || !rules.formats().contains(format)) {
        checks.reject("references", which + " (downloaded from " + where + ") is "
            + (format == null ? "not a recognised image" : format.name()) + "; accepted: " + names(rules.formats()));
      }
      out.write(head);
      long limit = rules.maxBytes();
      long copied = head.length;
      byte[] buffer = new byte[64 * 1024];
      int n;
      while ((n = in.read(buffer)) > 0) {
        copied += n;
        if (copied > limit) {
          checks.reject("references", which + " (downloaded from " + where + ") is larger than " + limit
              + " bytes, the most " + checks.vendor() + " accepts");
        }
        out.write(buffer, 0, n);
      }
      return file;
    } catch (IOException e) {
      SpoolFiles.delete(file);
      checks.reject("references", which + " could not be downloaded from " + where + " to upload it to "
          + checks.vendor() + ": " + e.getMessage());
      throw new IllegalStateException("unreachable");
    } catch (RuntimeException e) {
      SpoolFiles.delete(file);
      throw e;
    }
  }

  private static MediaInput publish(String vendor, String which, MediaInput ref, ReferenceHost host) {
    if (host == null) {
      throw new IllegalStateException("a hosted reference needs a ReferenceHost");
    }
    ImageFormat format = ref.detectFormat();
    String url;
    try {
      url = host.publish(ref, format);
    } catch (IOException | RuntimeException e) {
      throw new AigwException(vendor, "[" + vendor + "] the ReferenceHost could not publish " + which + ": " + e, e);
    }
    try {
      MediaInput published = url == null ? null : MediaInput.url(url);
      if (published == null || published.kind() != MediaInput.Kind.URL) {
        throw new ValidationException(null, "url", "is not an http(s) URL");
      }
      return published;
    } catch (ValidationException e) {
      throw new AigwException(vendor, "[" + vendor + "] the ReferenceHost answered " + which
          + " with something that is not an absolute http(s) URL", null);
    }
  }

  /** The references in the gateway's form; closing deletes what was downloaded for them. */
  public static final class Prepared implements AutoCloseable {
    private final List<MediaInput> references;
    private final List<Path> temporary;

    private Prepared(List<MediaInput> references, List<Path> temporary) {
      this.references = List.copyOf(references);
      this.temporary = List.copyOf(temporary);
    }

    /**
     * The references to send, in order.
     *
     * @return the references
     */
    public List<MediaInput> references() {
      return references;
    }

    /** Deletes the downloaded files. */
    @Override
    public void close() {
      temporary.forEach(SpoolFiles::delete);
    }

    /** How many references, and how many were downloaded. */
    @Override
    public String toString() {
      return "Prepared[" + references.size() + " references, " + temporary.size() + " downloaded]";
    }
  }

  /** The deliveries. */
  @Override
  public String toString() {
    return "ReferencePlan" + Arrays.toString(deliveries.toArray());
  }
}
