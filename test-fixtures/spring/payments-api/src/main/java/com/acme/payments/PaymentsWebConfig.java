package com.acme.payments;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.CorsRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

@Configuration
public class PaymentsWebConfig implements WebMvcConfigurer {

  @Override
  public void addCorsMappings(CorsRegistry registry) {
    registry.addMapping("/payments/**")
        .allowedOrigins("https://checkout.acme.example") // ok: mixed-content-origin, wildcard-origin
        .allowedMethods("GET", "POST", "PUT")
        .allowedHeaders("Content-Type", "Idempotency-Key")
        .allowCredentials(true)
        .allowPrivateNetwork(true); // ok: private-network-access
  }
}
