package dev.aigw.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aigw.core.image.GeneratedImage;
import dev.aigw.testkit.TestMedia;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputFilesTest {
  @TempDir
  Path output;

  @Test
  void anImageIsNamedAfterItsOwnBytesNotItsLabel() throws Exception {
    byte[] jpeg = TestMedia.jpeg(20, 10, 1);
    // labelled PNG, but JPEG inside (a mislabelling server)
    GeneratedImage image = new GeneratedImage("test", jpeg, null, "image/png");

    Path saved = OutputFiles.saveImage(image, output.resolve("new-folder"), "test-image");

    assertThat(saved).isEqualTo(output.resolve("new-folder/test-image.jpg"));
    assertThat(saved).hasBinaryContent(jpeg);
    try (var files = Files.list(saved.getParent())) {
      assertThat(files).containsExactly(saved);
    }
  }

  @Test
  void sizesReadForPeople() throws Exception {
    assertThat(OutputFiles.size(Files.write(output.resolve("a"), new byte[812]))).isEqualTo("812 B");
    assertThat(OutputFiles.size(Files.write(output.resolve("b"), new byte[6349]))).isEqualTo("6.2 KB");
    assertThat(OutputFiles.size(Files.write(output.resolve("c"), new byte[3_565_158]))).isEqualTo("3.4 MB");
  }
}
