package com.acme.shop.config;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.CorsRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

@Configuration
public class WebConfig implements WebMvcConfigurer {

  /** Cache preflights for a month: the storefront calls the API a lot. */
  private static final long PREFLIGHT_CACHE_SECONDS = 30L * 24 * 60 * 60;

  @Value("${shop.cors.allowed-origins}")
  private String[] allowedOrigins;

  @Override
  public void addCorsMappings(CorsRegistry registry) {
    registry.addMapping("/api/**")
        .allowedOrigins(allowedOrigins)
        .allowedMethods("GET", "POST", "PUT", "DELETE")
        .allowedHeaders("Content-Type", "Authorization", "X-Cart-Id")
        .allowCredentials(true)
        .maxAge(PREFLIGHT_CACHE_SECONDS); // expect: excessive-max-age
  }
}
