package com.acme.admin;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class LegacyAdminApplication {

  public static void main(String[] args) {
    SpringApplication.run(LegacyAdminApplication.class, args);
  }
}
