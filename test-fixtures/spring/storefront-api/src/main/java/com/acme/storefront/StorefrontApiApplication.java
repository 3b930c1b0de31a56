package com.acme.storefront;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class StorefrontApiApplication {

  public static void main(String[] args) {
    SpringApplication.run(StorefrontApiApplication.class, args);
  }
}
