package dev.aigw.cloudgpt;

import dev.aigw.testkit.conformance.RoutedConformance;
import dev.aigw.testkit.conformance.VendorProfile;
import dev.aigw.testkit.conformance.VendorProfiles;

/** The neutral API's conformance suite, run for cloudgpt through a failover router of that one gateway. */
class CloudGptRoutedConformanceTest extends RoutedConformance {
  @Override
  protected VendorProfile profile() {
    return VendorProfiles.cloudgpt();
  }
}
