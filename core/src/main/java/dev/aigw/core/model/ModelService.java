package dev.aigw.core.model;

import dev.aigw.core.http.RawResponse;
import java.util.List;

/** The model catalogue through the neutral API. */
public interface ModelService {

  /** {@return every model the gateway lists} */
  default List<ModelInfo> list() {
    return withRawResponse().list().body();
  }

  /** {@return the same calls, answering with HTTP details} */
  Raw withRawResponse();

  /** {@link ModelService} calls that also return HTTP details. */
  interface Raw {
    /** {@return what {@link ModelService#list} returns, with HTTP details} */
    RawResponse<List<ModelInfo>> list();
  }
}
