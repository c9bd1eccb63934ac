package dev.aigw.cloudgpt;

import dev.aigw.testkit.conformance.AiClientConformance;
import dev.aigw.testkit.conformance.VendorProfile;
import dev.aigw.testkit.conformance.VendorProfiles;

/** The neutral API's conformance suite, run for cloudgpt against its fake. */
class CloudGptConformanceTest extends AiClientConformance {
  @Override
  protected VendorProfile profile() {
    return VendorProfiles.cloudgpt();
  }
}
