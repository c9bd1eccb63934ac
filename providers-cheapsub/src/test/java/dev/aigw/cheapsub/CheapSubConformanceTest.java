package dev.aigw.cheapsub;

import dev.aigw.testkit.conformance.AiClientConformance;
import dev.aigw.testkit.conformance.VendorProfile;
import dev.aigw.testkit.conformance.VendorProfiles;

/** The neutral API's conformance suite, run for cheapsub against its fake. */
class CheapSubConformanceTest extends AiClientConformance {
  @Override
  protected VendorProfile profile() {
    return VendorProfiles.cheapsub();
  }
}
