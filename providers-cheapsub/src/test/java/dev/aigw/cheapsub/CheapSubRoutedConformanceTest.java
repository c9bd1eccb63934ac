package dev.aigw.cheapsub;

import dev.aigw.testkit.conformance.RoutedConformance;
import dev.aigw.testkit.conformance.VendorProfile;
import dev.aigw.testkit.conformance.VendorProfiles;

/** The neutral API's conformance suite, run for cheapsub through a failover router of that one gateway. */
class CheapSubRoutedConformanceTest extends RoutedConformance {
  @Override
  protected VendorProfile profile() {
    return VendorProfiles.cheapsub();
  }
}
