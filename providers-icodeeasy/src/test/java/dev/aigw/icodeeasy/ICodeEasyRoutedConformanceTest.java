package dev.aigw.icodeeasy;

import dev.aigw.testkit.conformance.RoutedConformance;
import dev.aigw.testkit.conformance.VendorProfile;
import dev.aigw.testkit.conformance.VendorProfiles;

/** The neutral API's conformance suite, run for icodeeasy through a failover router of that one gateway. */
class ICodeEasyRoutedConformanceTest extends RoutedConformance {
  @Override
  protected VendorProfile profile() {
    return VendorProfiles.icodeeasy();
  }
}
