package dev.aigw.cloudgpt;

import dev.aigw.cloudgpt.internal.CloudGptJson;
import dev.aigw.cloudgpt.internal.CreatedKeyAnswer;
import dev.aigw.core.Secret;
import dev.aigw.core.error.AigwException;
import dev.aigw.core.error.ValidationException;
import dev.aigw.core.http.RawResponse;
import dev.aigw.core.http.RetrySafety;
import dev.aigw.core.json.RawJson;
import dev.aigw.core.spi.ApiRequest;
import dev.aigw.core.spi.Checks;
import dev.aigw.core.spi.Gateway;
import dev.aigw.core.spi.Json;
import dev.aigw.core.spi.ResponseReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * CloudGPT API key management: {@code POST /api/keys} creates a key (shown once, returned as a
 * {@link Secret}), {@code GET /api/keys} lists them (never the keys themselves, only their start),
 * {@code DELETE /api/keys/:id} deletes one. These calls need a key, so an anonymous client refuses
 * them before sending anything.
 *
 * <p>Creating a key is retried only after a 429 or a connection that failed before the request
 * was sent, since a repeat could create two keys; listing and deleting are retried freely. The
 * answer that carries a new key is read straight into the {@link CreatedApiKey}: its text is
 * neither kept nor logged. Thread-safe.
 */
public final class CloudGptKeys {
  private static final Checks CHECKS = Checks.of(CloudGptClient.VENDOR);
  static final String PATH = "/api/keys";

  private final Gateway transport;
  private final Raw raw = new Raw() {
    @Override
    public RawResponse<CreatedApiKey> create(String name) {
      return createRaw(name);
    }

    @Override
    public RawResponse<List<ApiKeyInfo>> list() {
      return listRaw();
    }

    @Override
    public RawResponse<Boolean> delete(String id) {
      return deleteRaw(id);
    }
  };

  CloudGptKeys(Gateway transport) {
    this.transport = transport;
  }

  /**
   * Creates a key called {@code name}. The full key is in the answer only this once.
   *
   * @param name the new key's name
   * @return the key with its full value
   * @throws ValidationException when the name is blank or the client is anonymous, before sending
   */
  public CreatedApiKey create(String name) {
    return raw.create(name).body();
  }

  /** {@return every key of the account, oldest first as CloudGPT lists them} */
  public List<ApiKeyInfo> list() {
    return raw.list().body();
  }

  /**
   * Deletes the key with id {@code id} ({@code key_abc123}, not the key itself).
   *
   * @param id the key's id
   * @return whether CloudGPT answered {@code deleted: true}
   * @throws dev.aigw.core.error.NotFoundException when there is no such key
   */
  public boolean delete(String id) {
    return raw.delete(id).body();
  }

  /** {@return the same calls, answering with HTTP details (status, headers, rate limit) as well} */
  public Raw withRawResponse() {
    return raw;
  }

  /** {@link CloudGptKeys} calls that also return HTTP details. */
  public interface Raw {
    /**
     * {@link CloudGptKeys#create} with HTTP details.
     *
     * @param name the new key's name
     * @return the key with the answer's HTTP details
     */
    RawResponse<CreatedApiKey> create(String name);

    /** {@return what {@link CloudGptKeys#list} returns, with HTTP details} */
    RawResponse<List<ApiKeyInfo>> list();

    /**
     * {@link CloudGptKeys#delete} with HTTP details.
     *
     * @param id the key's id
     * @return whether CloudGPT answered {@code deleted: true}, with the answer's HTTP details
     */
    RawResponse<Boolean> delete(String id);
  }

  private RawResponse<CreatedApiKey> createRaw(String name) {
    requireKey();
    CHECKS.required("name", name);
    ApiRequest call = ApiRequest.post(PATH, RetrySafety.UNPROTECTED).json(Map.of("name", name)).build();
    // read into a record and dropped: the raw text, which holds the new key, is not kept
    RawResponse<CreatedKeyAnswer> response = transport.execute(call,
        ResponseReader.<CreatedKeyAnswer, CreatedKeyAnswer>json(CreatedKeyAnswer.class, (answer, ignoredRaw) -> answer));
    CreatedKeyAnswer c = response.body();
    if (c.key() == null || c.key().isBlank() || c.id() == null || c.id().isBlank()) {
      throw new AigwException(CloudGptClient.VENDOR,
          "the answer to POST " + PATH + " has no " + (c.id() == null || c.id().isBlank() ? "id" : "key"), null);
    }
    return response.withBody(new CreatedApiKey(c.id(), c.name() != null ? c.name() : name, Secret.of(c.key()),
        CloudGptJson.time(c.created())));
  }

  private RawResponse<List<ApiKeyInfo>> listRaw() {
    requireKey();
    RawResponse<RawJson> response = transport.execute(ApiRequest.get(PATH).build(), ResponseReader.rawJson());
    List<ApiKeyInfo> keys = new ArrayList<>();
    if (response.body().get("data") instanceof List<?> data) {
      for (Object entry : data) {
        if (entry instanceof Map<?, ?> m && CloudGptJson.text(m.get("id")) != null) {
          keys.add(new ApiKeyInfo(CloudGptJson.text(m.get("id")), CloudGptJson.text(m.get("name")),
              CloudGptJson.text(m.get("prefix")), CloudGptJson.time(m.get("created")),
              CloudGptJson.time(m.get("lastUsed")), Json.raw(Json.toJson(m))));
        }
      }
    }
    return response.withBody(List.copyOf(keys));
  }

  private RawResponse<Boolean> deleteRaw(String id) {
    requireKey();
    CHECKS.required("id", id);
    ApiRequest call = ApiRequest.delete(PATH + "/{id}").pathParam("id", id.strip()).build();
    RawResponse<RawJson> response = transport.execute(call, ResponseReader.rawJson());
    return response.withBody(Boolean.TRUE.equals(response.body().get("deleted")));
  }

  private void requireKey() {
    if (transport.isAnonymous()) {
      throw CHECKS.invalid("apiKey",
          "key management needs an API key; this client is anonymous (build it with apiKey(…))");
    }
  }
}
