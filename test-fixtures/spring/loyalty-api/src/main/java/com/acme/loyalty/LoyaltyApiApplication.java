package com.acme.loyalty;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class LoyaltyApiApplication {

  public static void main(String[] args) {
    SpringApplication.run(LoyaltyApiApplication.class, args);
  }
}
