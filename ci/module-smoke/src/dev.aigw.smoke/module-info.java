/** A tiny application that uses aigw from the module path, as an app author's would. */
module dev.aigw.smoke {
  requires dev.aigw.core;
  requires dev.aigw.testkit;
  requires dev.aigw.redis;
}
