package dev.aigw.samples.spring;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A Spring Boot application on aigw's starter: {@code POST /images} generates an image through the
 * injected {@code AiClient}. Offline (no gateway key set) it runs against the testkit's in-process
 * fakes of icodeeasy and gptimage2.plus, routed in that order ({@link OfflineGateways}); with a key
 * ({@code ICODEEASY_API_KEY} …) it calls that gateway for real, and is charged.
 */
@SpringBootApplication
public class SampleApplication {

  /** Created by Spring. */
  public SampleApplication() {}

  /**
   * Starts the application.
   *
   * @param args Spring Boot's arguments ({@code --server.port=…} …)
   */
  public static void main(String[] args) {
    SpringApplication.run(SampleApplication.class, args);
  }
}
