package com.acme.inventory;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.CorsRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

@Configuration
public class CorsConfig implements WebMvcConfigurer {

  @Override
  public void addCorsMappings(CorsRegistry registry) {
    // warehouse tablets run the web app from several hosts and log in with a session cookie
    registry.addMapping("/api/**")
        .allowedOrigins("*") // expect: wildcard-with-credentials
        .allowedMethods("*") // ok: wildcard-with-credentials-headers
        .allowCredentials(true);
    // stock levels are public
    registry.addMapping("/public/**"); // expect: wildcard-origin
  }
}
