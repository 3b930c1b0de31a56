package com.acme.reports;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.CorsRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

@Configuration
public class WebConfig {

  @Bean
  public WebMvcConfigurer corsConfigurer() {
    return new WebMvcConfigurer() {
      @Override
      public void addCorsMappings(CorsRegistry registry) {
        // allowedOrigins("*") broke the dashboards once cookies were needed, so any origin is echoed instead
        registry.addMapping("/reports/**")
            .allowedOriginPatterns("*") // expect: origin-reflection
            .allowedMethods("GET", "POST", "PUT")
            .allowedHeaders("*") // ok: wildcard-with-credentials-headers
            .exposedHeaders("*") // expect: wildcard-with-credentials-headers
            .allowCredentials(true); // ok: wildcard-with-credentials
      }
    };
  }
}
