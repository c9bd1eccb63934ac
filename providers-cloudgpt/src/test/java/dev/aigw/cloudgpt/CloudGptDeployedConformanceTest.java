package dev.aigw.cloudgpt;

import dev.aigw.testkit.FakeCloudGpt;
import dev.aigw.testkit.conformance.AiClientConformance;
import dev.aigw.testkit.conformance.VendorProfile;
import dev.aigw.testkit.conformance.VendorProfiles;

/** The neutral API's conformance suite, run for cloudgpt against its fake playing the server as really deployed. */
class CloudGptDeployedConformanceTest extends AiClientConformance {
  @Override
  protected VendorProfile profile() {
    return VendorProfiles.cloudgpt(FakeCloudGpt.Mode.DEPLOYED);
  }
}
