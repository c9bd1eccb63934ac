package dev.aigw.gptimagehub;

import dev.aigw.testkit.conformance.RoutedConformance;
import dev.aigw.testkit.conformance.VendorProfile;
import dev.aigw.testkit.conformance.VendorProfiles;

/** The neutral API's conformance suite, run for gptimagehub through a failover router of that one gateway. */
class GptImageHubRoutedConformanceTest extends RoutedConformance {
  @Override
  protected VendorProfile profile() {
    return VendorProfiles.gptimagehub();
  }
}
