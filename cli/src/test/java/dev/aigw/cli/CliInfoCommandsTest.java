package dev.aigw.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** gateways, models, credits, help, version and completion. */
class CliInfoCommandsTest {

  @Test
  void gatewaysListsTheFiveWithTheirKeysAndWhatTheyOffer() {
    Run run = Run.of(Map.of("CHEAPSUB_API_KEY", "csk_live_do_not_print_me"), "gateways");
    assertThat(run.code()).as(run.toString()).isZero();
    assertThat(run.out()).isEqualTo(String.join("\n",
        "GATEWAY      KEY                                OFFERS",
        "cheapsub     CHEAPSUB_API_KEY is set            chat, chat streaming, images, image references, videos, models",
        "cloudgpt     CLOUDGPT_API_KEY not set           chat, chat streaming, images, videos, models",
        "gptimagehub  GPTIMAGEHUB_API_KEY not set        images, image references, models",
        "icodeeasy    ICODEEASY_API_KEY not set          images, image references",
        "gptimage2    GPTIMAGE2_API_KEY not set          images, image references", ""));
    assertThat(run.out() + run.err()).doesNotContain("do_not_print_me");
  }

  @Test
  void gatewaysAsJsonBeforeOrAfterTheCommand() {
    Run after = Run.of(Map.of("GPTIMAGE2_API_KEY", "gimg_x"), "gateways", "--json");
    Run before = Run.of(Map.of("GPTIMAGE2_API_KEY", "gimg_x"), "--json", "gateways");
    assertThat(after.out()).isEqualTo(before.out());
    List<Map<String, Object>> lines = Json.lines(after.out());
    assertThat(lines).hasSize(5);
    assertThat(lines.get(4)).containsEntry("gateway", "gptimage2").containsEntry("keyVariable", "GPTIMAGE2_API_KEY")
        .containsEntry("keySet", true).containsEntry("offers", List.of("IMAGES", "IMAGE_REFERENCES"));
    assertThat(lines.get(0)).containsEntry("keySet", false);
  }

  @Test
  void modelsOfAGatewayAsTextAndFilteredAsJson() {
    Run text = Run.fake("models", "cheapsub", "--fake");
    assertThat(text.code()).as(text.toString()).isZero();
    assertThat(text.out()).contains("google/gemini-3-flash                    chat")
        .contains("nano-banana-2                            image").contains("sora-2");
    assertThat(text.err()).contains("aigw: cheapsub: the offline fake at http://").contains("5 model(s)");

    Run json = Run.fake("--fake", "--json", "models", "cheapsub", "--modality", "IMAGE");
    assertThat(json.code()).isZero();
    assertThat(Json.single(json.out())).containsEntry("gateway", "cheapsub").containsEntry("id", "nano-banana-2")
        .containsEntry("modality", "IMAGE");
  }

  @Test
  void creditsOfGptImageHubAndAClearRefusalElsewhere() {
    Run text = Run.fake("credits", "gptimagehub", "--fake");
    assertThat(text.code()).as(text.toString()).isZero();
    assertThat(text.out()).isEqualTo("gptimagehub: 120 credits (PRO account)\n");

    Run json = Run.fake("credits", "gptimagehub", "--fake", "--json");
    assertThat(Json.single(json.out())).containsEntry("gateway", "gptimagehub").containsEntry("credits", 120.0)
        .containsEntry("accountType", "PRO");

    Run cheapsub = Run.fake("credits", "cheapsub", "--fake");
    assertThat(cheapsub.code()).isEqualTo(2);
    assertThat(cheapsub.err()).isEqualTo("aigw: credits: cheapsub has no balance API; gptimagehub has "
        + "(the others report what a call cost in its result)\n");
  }

  @Test
  void everyCommandHasHelpWithTheExitCodes() {
    for (String command : List.of("gateways", "models", "credits", "chat", "image", "video", "resume", "keys",
        "generate-completion")) {
      Run run = Run.fake(command, "--help");
      assertThat(run.code()).as(command).isZero();
      assertThat(run.out()).as(command).startsWith("Usage: aigw " + command);
      if (!command.equals("generate-completion")) {
        assertThat(run.out()).as(command).contains("Exit codes:", "  6    timeout");
      }
    }
    Run top = Run.fake("--help");
    assertThat(top.out()).contains("Commands:", "gateways", "image", "resume", "keys", "generate-completion",
        "  130  interrupted with Ctrl-C", "CHEAPSUB_API_KEY");
    assertThat(Run.fake("keys", "create", "--help").out()).contains("--key-file");
  }

  @Test
  void noCommandPrintsTheUsage() {
    Run run = Run.fake();
    assertThat(run.code()).isZero();
    assertThat(run.out()).startsWith("Usage: aigw [-hvV]");
  }

  @Test
  void versionNamesTheTool() {
    Run run = Run.fake("--version");
    assertThat(run.code()).isZero();
    assertThat(run.out()).startsWith("aigw ");
  }

  @Test
  void completionScriptForBashAndZsh() {
    Run run = Run.fake("generate-completion");
    assertThat(run.code()).isZero();
    assertThat(run.out()).contains("complete -F _complete_aigw", "gateways", "resume", "--gateways");
  }
}
