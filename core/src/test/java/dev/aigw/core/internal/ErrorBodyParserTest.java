package dev.aigw.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aigw.core.error.ErrorDetails;
import dev.aigw.core.http.RateLimit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A 400 from a server validating with Zod keeps the validation message, whichever shape it is
 * sent in: a list of issues, a ZodError object, {@code flatten()}'s field errors, or issues beside
 * a message.
 */
class ErrorBodyParserTest {

  private static String message(String body) {
    ErrorDetails d = ErrorBodyParser.parse("acme", 400, "application/json", body, null, RateLimit.NONE, null);
    return d.message();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '§', value = {
      "a plain string error§{\"error\":\"prompt: String must contain at most 4000 character(s)\"}"
          + "§prompt: String must contain at most 4000 character(s)",
      "a list of issues§{\"error\":[{\"code\":\"too_big\",\"maximum\":4000,\"path\":[\"prompt\"],"
          + "\"message\":\"String must contain at most 4000 character(s)\"}]}"
          + "§prompt: String must contain at most 4000 character(s)",
      "a ZodError object§{\"error\":{\"name\":\"ZodError\",\"issues\":[{\"path\":[\"size\"],\"message\":\"Invalid enum value\"},"
          + "{\"path\":[\"inputImageKeys\",4],\"message\":\"Too many\"}]}}"
          + "§size: Invalid enum value; inputImageKeys.4: Too many",
      "flatten() field errors§{\"error\":{\"formErrors\":[\"Body must be an object\"],"
          + "\"fieldErrors\":{\"n\":[\"Number must be less than or equal to 4\"]}}}"
          + "§Body must be an object; n: Number must be less than or equal to 4",
      "issues beside a message§{\"error\":\"Invalid body\",\"issues\":[{\"path\":[\"prompt\"],\"message\":\"Required\"}]}"
          + "§Invalid body: prompt: Required",
      "an issue without a path§{\"issues\":[{\"path\":[],\"message\":\"Expected object, received array\"}]}"
          + "§Expected object, received array",
      "flatten() at the top§{\"formErrors\":[],\"fieldErrors\":{\"quality\":[\"Invalid enum value\"]}}"
          + "§quality: Invalid enum value"})
  void theZodMessageSurvives(String shape, String body, String expected) {
    assertThat(message(body)).isEqualTo(expected);
  }

  @Test
  void issuesAlreadyInTheMessageAreNotRepeated() {
    assertThat(message("{\"message\":\"prompt: Required\",\"issues\":[{\"path\":[\"prompt\"],\"message\":\"Required\"}]}"))
        .isEqualTo("prompt: Required");
  }

  @Test
  void issuesOfAnotherShapeAreShownAsTheyCame() {
    assertThat(message("{\"issues\":[\"prompt is required\"]}")).isEqualTo("invalid request: [\"prompt is required\"]");
  }

  @Test
  void anEmptyOrUnreadableIssueListLeavesTheStatus() {
    assertThat(message("{\"error\":[]}")).isEqualTo("HTTP 400");
    assertThat(message("{\"error\":{\"fieldErrors\":{\"n\":\"not a list\"},\"formErrors\":[\"\"]}}")).isEqualTo("HTTP 400");
    assertThat(message("{\"error\":[{\"path\":[\"n\"]}, 3]}")).isEqualTo("HTTP 400");
  }
}
