/**
 * The provider SPI: everything a gateway's module builds on, and nothing else. Applications never
 * need these types; provider authors need only these (plus the public API).
 *
 * <ul>
 *   <li>{@link dev.aigw.core.spi.VendorSpec} — the vendor's facts (name, base URL, key prefix,
 *       variables, {@link dev.aigw.core.spi.ErrorMapping error table}, idempotency header,
 *       timeouts, concurrency limit), handed to {@link dev.aigw.core.ClientBuilder};
 *   <li>{@link dev.aigw.core.spi.Gateway} — the narrow call facade a client's services use: send an
 *       {@link dev.aigw.core.spi.ApiRequest}, read the answer with a {@link
 *       dev.aigw.core.spi.ResponseReader} (JSON, raw JSON, spooled binaries, data URLs spooled to
 *       disk as {@link dev.aigw.core.spi.JsonWithMedia}), open an SSE stream with an {@link
 *       dev.aigw.core.spi.SseDecoder}, prepare a repeatable call ({@link
 *       dev.aigw.core.spi.PreparedCall}); retries, auth, idempotency, errors and logs are the
 *       runtime's;
 *   <li>{@link dev.aigw.core.spi.Checks} — pre-send checks bound to one vendor, throwing before a
 *       send or {@linkplain dev.aigw.core.spi.Checks#collecting() collecting} for {@code
 *       AiClient.check(request)}: a provider writes its validation once against a {@code Checks}
 *       parameter, calls it before sending, and hands it to {@link dev.aigw.core.VendorClient}'s
 *       {@code checkChat}/{@code checkImage}/{@code checkVideo};
 *   <li>portable requests, driven by the provider's {@link dev.aigw.core.profile.GatewayProfile}
 *       (built with {@code ClientBuilder.profile(…)}): {@link dev.aigw.core.spi.Checks#model}
 *       (defaults and listed model forms), {@link dev.aigw.core.spi.ImageShape} and {@link
 *       dev.aigw.core.spi.VideoShape} (a request's shape in the gateway's vocabulary), {@link
 *       dev.aigw.core.spi.ReferencePlan} (references downloaded, published or sent as given);
 *   <li>{@link dev.aigw.core.spi.FailedCalls} — the retry safety of each failed call, which the
 *       runtime's gateway records and the failover router reads;
 *   <li>{@link dev.aigw.core.spi.OperationFactory} and {@link dev.aigw.core.spi.OperationDriver} —
 *       long-running tasks: the provider says how to fetch and read a status, core polls;
 *   <li>{@link dev.aigw.core.spi.OpenAiChat} — the OpenAI chat mapping shared by gateways that
 *       speak it;
 *   <li>{@link dev.aigw.core.spi.Json} (the one shared Moshi) and {@link dev.aigw.core.spi.Urls}.
 * </ul>
 *
 * <p>A provider module also implements {@link dev.aigw.core.AiClientProvider} and declares it in
 * its {@code module-info.java} ({@code provides}) and in {@code META-INF/services}. Until 1.0 this
 * package may change in minor versions; the exported public API follows semantic versioning.
 */
package dev.aigw.core.spi;
