/** In-process fakes of the five gateways; the first one arrives with the CheapSub issue. */
package dev.aigw.testkit;
