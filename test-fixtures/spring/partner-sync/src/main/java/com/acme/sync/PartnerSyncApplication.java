package com.acme.sync;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class PartnerSyncApplication {

  public static void main(String[] args) {
    SpringApplication.run(PartnerSyncApplication.class, args);
  }
}
