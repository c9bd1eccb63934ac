package dev.aigw.examples;

import static dev.aigw.examples.Media.assertPng;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.aigw.testkit.TestMedia;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ImageEditTest {
  @TempDir
  Path output;

  @Test
  void withoutAFileItDrawsASampleAndEditsItOnICodeEasy() throws Exception {
    Console console = new Console();

    ImageEdit.run(List.of(), Map.of(), output, console.out());

    Path input = output.resolve("edit-input.png");
    assertThat(assertPng(input).getWidth()).isEqualTo(256);
    List<String> lines = console.lines();
    assertThat(lines.get(0)).isEqualTo("no image given: drew a sample input, " + input);
    assertThat(lines.get(1)).startsWith("== icodeeasy: offline: the embedded fake at ");
    assertThat(lines.get(2)).isEqualTo("editing " + input + " (" + OutputFiles.size(input) + ") on icodeeasy: "
        + ImageEdit.PROMPT);
    Path edited = output.resolve("icodeeasy-edit.png");
    assertThat(lines.get(3)).isEqualTo("saved " + edited + " (" + OutputFiles.size(edited) + ", cost 0.2 CNY)");
    assertPng(edited);
  }

  @ParameterizedTest
  @ValueSource(strings = {"gptimage2", "gptimagehub"})
  void editsAGivenJpegOnTheGatewaysThatTakeFiles(String vendor, @TempDir Path photos) throws Exception {
    Path photo = Files.write(photos.resolve("photo.jpg"), TestMedia.jpeg(120, 80, 5));
    Console console = new Console();

    ImageEdit.run(List.of(vendor, photo.toString()), Map.of(), output, console.out());

    assertThat(console.lines()).contains("editing " + photo + " (" + OutputFiles.size(photo) + ") on " + vendor
        + ": " + ImageEdit.PROMPT);
    assertPng(output.resolve(vendor + "-edit.png"));
    assertThat(output.resolve("edit-input.png")).doesNotExist();
  }

  @Test
  void aGatewayWithoutReferenceImagesIsRefused() {
    IllegalArgumentException e = catchThrowableOfType(IllegalArgumentException.class,
        () -> ImageEdit.run(List.of("cloudgpt"), Map.of(), output, new Console().out()));

    assertThat(e).hasMessage("cloudgpt takes no reference images; choose icodeeasy, gptimage2, gptimagehub or"
        + " cheapsub (with a ReferenceHost)");
  }

  @Test
  void cheapSubTakesTheLocalFileAsAUrlPublishedByTheOfflineReferenceHost() throws Exception {
    Console console = new Console();

    ImageEdit.run(List.of("cheapsub"), Map.of(), output, console.out());

    assertThat(console.lines()).anySatisfy(l -> assertThat(l).startsWith("saved "));
    assertPng(output.resolve("cheapsub-edit.png"));
  }

  @Test
  void aMissingFileIsRefused() {
    Path missing = output.resolve("nope.png");

    IllegalArgumentException e = catchThrowableOfType(IllegalArgumentException.class,
        () -> ImageEdit.run(List.of("icodeeasy", missing.toString()), Map.of(), output, new Console().out()));

    assertThat(e).hasMessage("no image file at " + missing);
  }
}
