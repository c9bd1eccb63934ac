package dev.aigw.core.image;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aigw.core.cost.Cost;
import dev.aigw.core.cost.CostUnit;
import dev.aigw.core.json.RawJson;
import dev.aigw.core.operation.OperationSnapshot;
import dev.aigw.core.spi.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Result URLs can be credentials: results and snapshots describe themselves without them. */
class ImageResultToStringTest {
  private static final String URL = "https://api.icodeeasy.cc/v1/images/files/gpt-image-2/20260616/d142c93a-1.png";
  private static final RawJson RAW = Json.raw("{\"task_id\":\"t1\",\"status\":\"completed\",\"cost\":0.2,"
      + "\"result_url\":\"" + URL + "\"}");

  @Test
  void anImageResultShowsIdImagesAndCostButNotTheRawText() {
    ImageResult result = new ImageResult("t1", List.of(new GeneratedImage("icodeeasy", URL, "image/png", null, null, null)),
        Cost.of("0.20", CostUnit.CNY), RAW);
    assertThat(result.toString())
        .isEqualTo("ImageResult[id=t1, images=[GeneratedImage[url, image/png]], cost=0.20 CNY, raw=" + RAW.text().length()
            + " chars]")
        .doesNotContain("icodeeasy.cc");
    assertThat(new ImageResult(null, List.of(), null, null).toString())
        .isEqualTo("ImageResult[id=null, images=[], cost=null, raw=2 chars]");
  }

  @Test
  void aSnapshotShowsItsStatusButNotTheRawText() {
    ImageResult result = new ImageResult("t1", List.of(), null, RAW);
    OperationSnapshot<ImageResult> done = OperationSnapshot.succeeded("t1", "completed", result, RAW);
    assertThat(done.toString()).startsWith("OperationSnapshot[id=t1, status=SUCCEEDED, vendorStatus=completed, progress=100")
        .contains("errorCode=null").endsWith("raw=" + RAW.text().length() + " chars]")
        .doesNotContain("icodeeasy.cc").doesNotContain("result_url");
  }
}
