package dev.aigw.samples.spring;

import dev.aigw.core.AiClient;
import dev.aigw.core.error.ValidationException;
import dev.aigw.core.image.GeneratedImage;
import dev.aigw.core.image.ImageRequest;
import dev.aigw.core.image.ImageResult;
import dev.aigw.core.routing.Routed;
import dev.aigw.core.routing.Router;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /images}: {@code {"prompt": "…"}} in, the generated images' URLs out. */
@RestController
class ImageController {
  private final AiClient client;

  /**
   * The controller, on the application's {@code AiClient}: the router when {@code
   * aigw.router.gateways} is set, else the one configured gateway.
   */
  ImageController(AiClient client) {
    this.client = client;
  }

  /** What {@code POST /images} takes. */
  record Prompt(String prompt) {}

  /** What {@code POST /images} answers: the gateway that served it, and where the images are. */
  record Generated(String gateway, List<String> urls) {}

  @PostMapping("/images")
  Generated generate(@RequestBody Prompt body) {
    ImageRequest request = ImageRequest.builder().prompt(body.prompt()).build();
    String gateway;
    ImageResult result;
    if (client instanceof Router router) {
      Routed<ImageResult> routed = router.images().generateRouted(request, null);
      gateway = routed.servedBy();
      result = routed.value();
    } else {
      gateway = client.vendor();
      result = client.images().generate(request);
    }
    return new Generated(gateway, result.images().stream().map(GeneratedImage::url).toList());
  }

  /** A request aigw refuses before sending (an empty prompt …): 400 with aigw's message. */
  @ExceptionHandler(ValidationException.class)
  @ResponseStatus(HttpStatus.BAD_REQUEST)
  Map<String, String> refused(ValidationException e) {
    return Map.of("error", e.getMessage());
  }
}
