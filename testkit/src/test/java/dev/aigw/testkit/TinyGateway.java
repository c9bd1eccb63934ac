package dev.aigw.testkit;

import java.math.BigDecimal;
import java.util.List;
import mockwebserver3.MockResponse;

/**
 * A minimal vendor fake built on {@link FakeGateway}, to test what the base class gives every
 * fake: public routes, path parameters, charges and refunds, stored files, SSE, callbacks, and a
 * handler that throws.
 */
final class TinyGateway extends FakeGateway {
  private TinyGateway() {
    super("tiny", "tk_", new BigDecimal("10"));
    publicRoute("GET", "/health", r -> json(200, obj("ok", true, "clock", clock().instant().toString())));
    route("POST", "/buy", r -> {
      BigDecimal price = new BigDecimal(r.string("price"));
      return charge("order-" + r.string("order"), price) ? json(200, obj("bought", r.string("order")))
          : error(402, "poor", "balance too low");
    });
    route("POST", "/refund", r -> {
      refund("order-" + r.string("order"), new BigDecimal(r.string("amount")));
      return json(200, obj("refunded", r.string("amount")));
    });
    route("GET", "/items/(?<id>[^/]+)", r -> json(200, obj("id", r.pathParam("id"), "q", r.query("q"),
        "missing", r.query("missing"), "header", r.header("X-Test"), "method", r.method(), "path", r.path(),
        "url", r.url().toString(), "bodySize", r.bodyBytes().length)));
    route("POST", "/echo", r -> json(200, obj("isJson", r.isJsonObject(), "s", r.string("s"), "n", r.string("n"),
        "xs", r.list("xs"), "notList", r.list("s"), "body", r.body(), "bytes", r.bodyBytes().length,
        "bearer", r.bearer())));
    route("POST", "/boom", r -> {
      throw new IllegalStateException("kaput");
    });
    route("POST", "/store", r -> json(200, obj("url", storeFile(r.bodyBytes(), "application/octet-stream", "bin"))));
    route("GET", "/events", r -> sse(List.of(event("first"), event("named", "second"), event("third"))));
    route("POST", "/notify", r -> {
      deliverCallback(r.string("url"), obj("hello", "world"));
      return json(202, obj());
    });
  }

  static TinyGateway start() {
    TinyGateway fake = new TinyGateway();
    fake.startServer();
    return fake;
  }

  @Override
  protected MockResponse authError(AuthProblem problem) {
    return error(problem == AuthProblem.MISSING ? 401 : 403, problem.name().toLowerCase(), "auth: " + problem);
  }

  @Override
  protected MockResponse error(int status, String code, String message) {
    return json(status, obj("message", message, "code", code));
  }
}
