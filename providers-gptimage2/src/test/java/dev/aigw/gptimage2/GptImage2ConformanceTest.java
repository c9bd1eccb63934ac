package dev.aigw.gptimage2;

import dev.aigw.testkit.conformance.AiClientConformance;
import dev.aigw.testkit.conformance.VendorProfile;
import dev.aigw.testkit.conformance.VendorProfiles;

/** The neutral API's conformance suite, run for gptimage2 against its fake. */
class GptImage2ConformanceTest extends AiClientConformance {
  @Override
  protected VendorProfile profile() {
    return VendorProfiles.gptimage2();
  }
}
