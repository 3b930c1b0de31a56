package com.acme.media;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.CorsRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

@Configuration
public class MediaCorsConfig implements WebMvcConfigurer {

  @Override
  public void addCorsMappings(CorsRegistry registry) {
    registry.addMapping("/media/**")
        .allowedOrigins("https://studio.acme.example") // expect: mixed-content-origin
        .allowedMethods("GET", "POST");
  }
}
