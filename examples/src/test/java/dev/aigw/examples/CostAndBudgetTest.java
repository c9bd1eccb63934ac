package dev.aigw.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CostAndBudgetTest {
  @TempDir
  Path output;

  @Test
  void estimatesGeneratesUntilALimitWouldBeCrossedAndPrintsWhatEachGatewayCharged() {
    Console console = new Console();

    // a key in the environment changes nothing: this example never leaves the fakes
    CostAndBudget.run(Map.of("ICODEEASY_API_KEY", "sk_live_would_be_charged"), output, console.out());

    List<String> lines = console.lines();
    assertThat(lines.get(0)).isEqualTo("Limits: cheapsub 0.5 KRW, gptimagehub 20 credits, icodeeasy 0.50 CNY;"
        + " none at cloudgpt, gptimage2 (offline: every gateway is its in-process fake)");
    assertThat(lines).filteredOn(l -> l.startsWith("== ")).hasSize(5)
        .allSatisfy(l -> assertThat(l).contains(": offline: the embedded fake at ").doesNotContain("API_KEY"));
    assertThat(lines).contains(
        "  estimate: 0.40 CNY (1 image at 0.40 CNY (quality high))",
        "  1 image: cost 0.4 CNY",
        "  estimate: 0.20 CNY (1 image at 0.20 CNY (quality medium))",
        "  refused: [icodeeasy] POST /v1/images/generations refused before sending: it costs 0.20 CNY (1 image at"
            + " 0.20 CNY (quality medium)), and 0.4 CNY of the budget's 0.50 CNY for icodeeasy is spent or reserved,"
            + " so it would come to 0.60 CNY; nothing was sent",
        "  estimate: 16 credits (2 images of gpt-image-2 at 8 credits each)",
        "  2 images: cost 16 credits",
        "  refused: [gptimagehub] POST /api/v1/images/generations refused before sending: it costs 8 credits (1 image"
            + " of gpt-image-2 at 8 credits each), and 16 credits of the budget's 20 credits for gptimagehub is spent or"
            + " reserved, so it would come to 24 credits; nothing was sent",
        "  1 image: cost 0.500000 KRW",
        "  refused: [cheapsub] POST /api/v1/image refused before sending: 0.500000 KRW of the budget's 0.5 KRW for"
            + " cheapsub is spent, and the price of this call is known only afterwards (cheapsub publishes no price"
            + " for POST /api/v1/image); nothing was sent",
        "  1 image: no cost reported",
        "  1 image: cost 1 credits");
    assertThat(lines).filteredOn(l -> l.startsWith("  estimate: unknown before sending (")).hasSize(3);

    int table = lines.indexOf("gateway      charged        charges  limit        left");
    assertThat(table).isPositive();
    assertThat(lines.subList(table + 1, lines.size())).containsExactly(
        "cheapsub     0.500000 KRW         1  0.5 KRW      0.000000 KRW",
        "cloudgpt     -                    0  -            -   (no cost reported)",
        "gptimagehub  16 credits           1  20 credits   4 credits",
        "icodeeasy    0.4 CNY              1  0.50 CNY     0.10 CNY",
        "gptimage2    1 credits            1  none         -");
  }
}
