package com.acme.search;

import java.util.List;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.filter.CorsFilter;

@Configuration
public class CorsFilterConfig {

  /** Ahead of Spring Security, so that preflights are answered before authentication. */
  @Bean
  public FilterRegistrationBean<CorsFilter> corsFilterRegistration() { // ok: middleware-order
    CorsConfiguration config = new CorsConfiguration();
    config.setAllowedOrigins(List.of("https://search.acme.example"));
    config.setAllowedMethods(List.of("GET", "POST", "PUT"));
    config.setAllowedHeaders(List.of("Authorization", "Content-Type"));
    UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
    source.registerCorsConfiguration("/**", config);
    FilterRegistrationBean<CorsFilter> registration = new FilterRegistrationBean<>(new CorsFilter(source));
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
    return registration;
  }
}
