package com.acme.crm;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class LegacyCrmApplication {

  public static void main(String[] args) {
    SpringApplication.run(LegacyCrmApplication.class, args);
  }
}
