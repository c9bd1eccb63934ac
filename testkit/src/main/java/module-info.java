/**
 * In-process fakes of the five gateways ({@code dev.aigw.testkit}) and the conformance suite
 * every provider passes ({@code dev.aigw.testkit.conformance}, which needs JUnit Jupiter and
 * AssertJ from whoever runs it).
 */
// The conformance suite shows JUnit's annotations in its signatures; JUnit is optional (whoever
// runs the suite brings it), so it is not required transitively.
@SuppressWarnings("exports")
module dev.aigw.testkit {
  requires transitive dev.aigw.core;
  requires transitive mockwebserver3; // MockResponse and RecordedRequest in FakeGateway's subclass API
  requires java.desktop; // the fakes draw real PNG images
  requires static org.junit.jupiter.api;
  requires static org.assertj.core;

  exports dev.aigw.testkit;
  exports dev.aigw.testkit.conformance;

  opens dev.aigw.testkit to com.squareup.moshi;
}
