package dev.aigw.gptimagehub;

import dev.aigw.testkit.conformance.AiClientConformance;
import dev.aigw.testkit.conformance.VendorProfile;
import dev.aigw.testkit.conformance.VendorProfiles;

/** The neutral API's conformance suite, run for gptimagehub against its fake. */
class GptImageHubConformanceTest extends AiClientConformance {
  @Override
  protected VendorProfile profile() {
    return VendorProfiles.gptimagehub();
  }
}
