package dev.aigw.core.profile;

import dev.aigw.core.model.Modality;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The models a gateway offers for one modality, as its documentation lists them, and the one a
 * request without a model gets. A model id is found in any form the vendor lists: with or without
 * a vendor prefix ({@code google/gemini-3-flash} finds {@code gemini-3-flash} and the other way
 * round); requests carry the listed form.
 *
 * @param modality what the models make
 * @param ids the offered ids, in the vendor's order (the listed form is the one sent)
 * @param defaultModel the model used when a request names none (one of {@code ids})
 * @param complete whether {@code ids} is everything the gateway offers; {@code false} when the
 *     gateway may offer more that only its model list (I/O) tells
 */
public record ModelCatalog(Modality modality, List<String> ids, String defaultModel, boolean complete) {

  /**
   * Copies the ids and checks that the default is one of them.
   *
   * @param modality what the models make
   * @param ids the offered ids, in the vendor's order (the listed form is the one sent)
   * @param defaultModel the model used when a request names none (one of {@code ids})
   * @param complete whether {@code ids} is everything the gateway offers; {@code false} when the gateway may offer more that only its model list (I/O) tells
   */
  public ModelCatalog {
    Objects.requireNonNull(modality, "modality");
    ids = List.copyOf(new LinkedHashSet<>(ids));
    if (ids.isEmpty()) {
      throw new IllegalArgumentException("a model catalogue needs at least one model");
    }
    Objects.requireNonNull(defaultModel, "defaultModel");
    if (!ids.contains(defaultModel)) {
      throw new IllegalArgumentException("the default model " + defaultModel + " is not among " + ids);
    }
  }

  /**
   * A complete catalogue whose default is its first id.
   *
   * @param modality what the models make
   * @param ids the offered ids, the default first
   * @return the catalogue
   */
  public static ModelCatalog of(Modality modality, String... ids) {
    return new ModelCatalog(modality, List.of(ids), ids[0], true);
  }

  /**
   * The listed form of {@code id}: the id itself when listed, else the listed id whose part after
   * the last {@code /} is the same (prefixed or not).
   *
   * @param id a model id as a request gives it
   * @return the listed id, or empty when the catalogue does not list it
   */
  public Optional<String> find(String id) {
    if (id == null) {
      return Optional.empty();
    }
    String wanted = id.strip();
    if (ids.contains(wanted)) {
      return Optional.of(wanted);
    }
    String shortId = shortId(wanted);
    return ids.stream().filter(listed -> shortId(listed).equals(shortId)).findFirst();
  }

  /**
   * Whether {@code id} is offered in any listed form.
   *
   * @param id a model id
   * @return {@code true} when {@link #find} finds it
   */
  public boolean offers(String id) {
    return find(id).isPresent();
  }

  /**
   * This catalogue with {@code model} as the default.
   *
   * @param model a listed model, in any listed form
   * @return the catalogue
   * @throws IllegalArgumentException when the model is not listed
   */
  public ModelCatalog withDefault(String model) {
    String listed = find(model).orElseThrow(() -> new IllegalArgumentException(model + " is not among " + ids));
    return new ModelCatalog(modality, ids, listed, complete);
  }

  /**
   * This catalogue with more ids (a newer model, or a deployment's own), listed after the others.
   *
   * @param more the extra ids
   * @return the catalogue
   */
  public ModelCatalog plus(List<String> more) {
    List<String> all = new ArrayList<>(ids);
    for (String id : more) {
      if (id != null && !id.isBlank() && !offers(id)) {
        all.add(id.strip());
      }
    }
    return new ModelCatalog(modality, all, defaultModel, complete);
  }

  /**
   * The ids as one line, for messages: {@code a, b, c}.
   *
   * @return the ids
   */
  public String listed() {
    return String.join(", ", ids);
  }

  private static String shortId(String id) {
    int slash = id.lastIndexOf('/');
    return slash < 0 ? id : id.substring(slash + 1);
  }
}
