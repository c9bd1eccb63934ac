package dev.aigw.cloudgpt;

import dev.aigw.cloudgpt.internal.CloudGptJson;
import dev.aigw.cloudgpt.internal.CreatedKeyAnswer;
import dev.aigw.core.Secret;
import dev.aigw.core.error.AigwException;
import dev.aigw.core.error.ApiException;
import dev.aigw.core.error.AuthenticationException;
import dev.aigw.core.error.ErrorDetails;
import dev.aigw.core.error.NotFoundException;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CloudGPT API key management on {@code /api/keys}: create a key (shown once, returned as a
 * {@link Secret}), list them (never the keys themselves, only their start), delete one.
 *
 * <p><b>The credential.</b> The deployed CloudGPT authenticates key management with the
 * dashboard's session token (a bearer JWT), not with a {@code cgpt_} API key, which it answers with
 * an empty 500. Give the token with {@link CloudGptClient.Builder#keysToken(String)} (or {@code
 * CLOUDGPT_KEYS_TOKEN}): these calls then send {@code Authorization: Bearer <token>}, and only these
 * do. Without one they send the API key, as CloudGPT's document says, and a refusal (401, 403, or
 * an empty 500) is an {@link AuthenticationException} saying that key management needs the
 * dashboard session token. The token is a {@link Secret}: no log line, exception message or {@code
 * toString()} shows it, even when a server echoes it back. An anonymous client without a token
 * refuses these calls before sending anything.
 *
 * <p><b>Both servers.</b> The list is read from the documented {@code {data:[{id, name, prefix,
 * created, lastUsed}]}} and from the deployed {@code {keys:[{id, name, keyPreview, createdAt}]}};
 * a created key from {@code {id, key, name, created}} and from {@code {id, key, name,
 * createdAt:<ISO string>, message}}. A key is deleted with the documented {@code DELETE
 * /api/keys/:id} first; when that path answers a 404 that is not JSON (the deployed server has no
 * such route and answers its HTML 404 page), with {@code DELETE /api/keys} and the body {@code
 * {"id": …}}, as the deployed server takes it — and the client keeps to that form from then on. A
 * JSON 404 from either route means the key does not exist.
 *
 * <p>Creating a key is retried only after a 429 or a connection that failed before the request
 * was sent, since a repeat could create two keys; listing and deleting are retried freely. The
 * answer that carries a new key is read straight into the {@link CreatedApiKey}: its text is
 * neither kept nor logged. Thread-safe.
 */
public final class CloudGptKeys {
  private static final Logger LOG = LoggerFactory.getLogger(CloudGptKeys.class);
  private static final Checks CHECKS = Checks.of(CloudGptClient.VENDOR);
  static final String PATH = "/api/keys";

  private final Gateway transport;
  private final Secret keysToken;
  /** Set once the documented {@code DELETE /api/keys/:id} answered an HTML 404: delete by body from then on. */
  private volatile boolean deleteByBody;
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

  CloudGptKeys(Gateway transport, Secret keysToken) {
    this.transport = transport;
    this.keysToken = keysToken;
  }

  /**
   * Creates a key called {@code name}. The full key is in the answer only this once.
   *
   * @param name the key's name
   * @return the new key, with the key itself as a {@link Secret}
   * @throws ValidationException when the name is blank, or the client is anonymous and has no keys
   *     token, before sending
   * @throws AuthenticationException when CloudGPT refuses the credential (see the class comment)
   */
  public CreatedApiKey create(String name) {
    return raw.create(name).body();
  }

  /**
   * Every key of the account, oldest first as CloudGPT lists them.
   *
   * @return the keys, each with only the start of the key
   * @throws AuthenticationException when CloudGPT refuses the credential (see the class comment)
   */
  public List<ApiKeyInfo> list() {
    return raw.list().body();
  }

  /**
   * Deletes the key with id {@code id} (its id, not the key itself).
   *
   * @param id the key's id, as {@link #list()} or {@link #create} gave it
   * @return whether CloudGPT answered that it deleted it ({@code deleted: true} or {@code success:
   *     true})
   * @throws dev.aigw.core.error.NotFoundException when there is no such key
   */
  public boolean delete(String id) {
    return raw.delete(id).body();
  }

  /**
   * The same calls, answering with HTTP details (status, headers, rate limit) as well.
   *
   * @return the raw view of this service
   */
  public Raw withRawResponse() {
    return raw;
  }

  /** {@link CloudGptKeys} calls that also return HTTP details. */
  public interface Raw {
    /**
     * {@link CloudGptKeys#create} with HTTP details.
     *
     * @param name the key's name
     * @return the new key with the answer's HTTP details
     */
    RawResponse<CreatedApiKey> create(String name);

    /**
     * {@link CloudGptKeys#list} with HTTP details.
     *
     * @return the keys with the answer's HTTP details
     */
    RawResponse<List<ApiKeyInfo>> list();

    /**
     * {@link CloudGptKeys#delete} with HTTP details (those of the call that deleted it).
     *
     * @param id the key's id
     * @return whether it was deleted, with the answer's HTTP details
     */
    RawResponse<Boolean> delete(String id);
  }

  private RawResponse<CreatedApiKey> createRaw(String name) {
    requireCredential();
    CHECKS.required("name", name);
    ApiRequest call = authorized(ApiRequest.post(PATH, RetrySafety.UNPROTECTED).json(Map.of("name", name)));
    // read into a record and dropped: the raw text, which holds the new key, is not kept
    RawResponse<CreatedKeyAnswer> response = execute(call,
        ResponseReader.<CreatedKeyAnswer, CreatedKeyAnswer>json(CreatedKeyAnswer.class, (answer, ignoredRaw) -> answer));
    CreatedKeyAnswer c = response.body();
    if (c.key() == null || c.key().isBlank() || c.id() == null || c.id().isBlank()) {
      throw new AigwException(CloudGptClient.VENDOR,
          "the answer to POST " + PATH + " has no " + (c.id() == null || c.id().isBlank() ? "id" : "key"), null);
    }
    return response.withBody(new CreatedApiKey(c.id(), c.name() != null ? c.name() : name, Secret.of(c.key()),
        CloudGptJson.time(c.creationTime())));
  }

  private RawResponse<List<ApiKeyInfo>> listRaw() {
    requireCredential();
    RawResponse<RawJson> response = execute(authorized(ApiRequest.get(PATH)), ResponseReader.rawJson());
    Object entries = response.body().get("data");
    if (!(entries instanceof List<?>)) {
      entries = response.body().get("keys"); // the deployed server's shape
    }
    List<ApiKeyInfo> keys = new ArrayList<>();
    if (entries instanceof List<?> list) {
      for (Object entry : list) {
        if (entry instanceof Map<?, ?> m && CloudGptJson.text(m.get("id")) != null) {
          keys.add(new ApiKeyInfo(CloudGptJson.text(m.get("id")), CloudGptJson.text(m.get("name")),
              CloudGptJson.text(first(m, "prefix", "keyPreview")), CloudGptJson.time(first(m, "created", "createdAt")),
              CloudGptJson.time(first(m, "lastUsed", "lastUsedAt")), Json.raw(Json.toJson(m))));
        }
      }
    }
    return response.withBody(List.copyOf(keys));
  }

  private RawResponse<Boolean> deleteRaw(String id) {
    requireCredential();
    CHECKS.required("id", id);
    String key = id.strip();
    if (!deleteByBody) {
      try {
        return deleted(execute(authorized(ApiRequest.delete(PATH + "/{id}").pathParam("id", key)), ResponseReader.rawJson()));
      } catch (NotFoundException e) {
        if (Json.tryParseTree(e.details().body()) != null) {
          throw e; // a JSON 404: the route exists and the key does not
        }
        deleteByBody = true;
        LOG.debug("[{}] DELETE {}/:id answered a 404 page, not JSON: this deployment deletes keys with DELETE {} "
            + "and a JSON body; using that form from now on", CloudGptClient.VENDOR, PATH, PATH);
      }
    }
    ApiRequest call = authorized(ApiRequest.delete(PATH).json(Map.of("id", key)));
    return deleted(execute(call, ResponseReader.rawJson()));
  }

  /** {@code deleted: true} (documented) or {@code success: true} (deployed). */
  private static RawResponse<Boolean> deleted(RawResponse<RawJson> response) {
    RawJson body = response.body();
    return response.withBody(Boolean.TRUE.equals(body.get("deleted")) || Boolean.TRUE.equals(body.get("success")));
  }

  /** The first of {@code names} that {@code entry} has a value for, or {@code null}. */
  private static Object first(Map<?, ?> entry, String... names) {
    for (String name : names) {
      if (entry.get(name) != null) {
        return entry.get(name);
      }
    }
    return null;
  }

  /** {@code b} with the keys token as its credential when one is set, else with the API key. */
  private ApiRequest authorized(ApiRequest.Builder b) {
    if (keysToken != null) {
      b.authenticated(false).header("Authorization", "Bearer " + keysToken.reveal());
    }
    return b.build();
  }

  /**
   * Runs a key-management call, explaining a refused API key. The token never shows in what it
   * throws: the runtime masks a request's credential headers (and a bearer token echoed bare)
   * wherever a server quotes them.
   */
  private <T> RawResponse<T> execute(ApiRequest call, ResponseReader<T> reader) {
    try {
      return transport.execute(call, reader);
    } catch (ApiException e) {
      if (keysToken == null && refusesApiKey(e)) {
        throw sessionTokenNeeded(e, call);
      }
      throw e;
    }
  }

  /** A 401 or 403, or the empty 500 the deployed server answers a {@code cgpt_} key with. */
  private static boolean refusesApiKey(ApiException e) {
    return e.status() == 401 || e.status() == 403 || (e.status() == 500 && e.details().body().isBlank());
  }

  private static AuthenticationException sessionTokenNeeded(ApiException e, ApiRequest call) {
    ErrorDetails d = e.details();
    String message = "key management needs the dashboard session token: the deployed CloudGPT refuses cgpt_ API keys on "
        + PATH + "; set keysToken(…) or " + CloudGptClient.KEYS_TOKEN_VARIABLE + " (" + call.describe()
        + " was answered " + (d.body().isBlank() ? "HTTP " + d.status() + " with an empty body" : d.message()) + ")";
    return new AuthenticationException(new ErrorDetails(d.vendor(), d.status(), d.code(), d.type(), message,
        d.requestId(), d.retryAfter(), d.rateLimit(), d.body()));
  }

  private void requireCredential() {
    if (keysToken == null && transport.isAnonymous()) {
      throw CHECKS.invalid("keysToken",
          "key management needs the dashboard session token (keysToken(…) or " + CloudGptClient.KEYS_TOKEN_VARIABLE
              + "), or an API key on a server that follows CloudGPT's document; this client is anonymous and has neither");
    }
  }
}
