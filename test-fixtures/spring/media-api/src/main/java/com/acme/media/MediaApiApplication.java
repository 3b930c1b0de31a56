package com.acme.media;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class MediaApiApplication {

  public static void main(String[] args) {
    SpringApplication.run(MediaApiApplication.class, args);
  }
}
