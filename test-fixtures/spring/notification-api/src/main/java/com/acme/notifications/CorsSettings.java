package com.acme.notifications;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.CorsRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

@Configuration
public class CorsSettings implements WebMvcConfigurer {

  @Override
  public void addCorsMappings(CorsRegistry registry) {
    registry.addMapping("/notifications/**")
        .allowedOrigins(
            "https://inbox.acme.example",
            "https://acme.example/inbox") // expect: malformed-origin
        .allowedMethods("GET", "POST"); // expect: method-not-allowed
  }
}
