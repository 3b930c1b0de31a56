package com.acme.warehouse;

import java.util.List;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.filter.CorsFilter;

/** CORS for the v1 API, which the old dashboard still calls. */
@Configuration
public class ApiCorsConfig {

  @Bean
  public FilterRegistrationBean<CorsFilter> apiCorsFilter() { // expect: preflight-not-handled
    CorsConfiguration v1 = new CorsConfiguration();
    v1.setAllowedOrigins(List.of("https://dashboard.acme.example"));
    v1.setAllowedMethods(List.of("GET", "POST", "PUT"));
    v1.setAllowedHeaders(List.of("Content-Type"));
    UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
    source.registerCorsConfiguration("/api/v1/**", v1);
    return new FilterRegistrationBean<>(new CorsFilter(source));
  }
}
