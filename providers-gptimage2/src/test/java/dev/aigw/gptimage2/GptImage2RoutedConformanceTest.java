package dev.aigw.gptimage2;

import dev.aigw.testkit.conformance.RoutedConformance;
import dev.aigw.testkit.conformance.VendorProfile;
import dev.aigw.testkit.conformance.VendorProfiles;

/** The neutral API's conformance suite, run for gptimage2 through a failover router of that one gateway. */
class GptImage2RoutedConformanceTest extends RoutedConformance {
  @Override
  protected VendorProfile profile() {
    return VendorProfiles.gptimage2();
  }
}
