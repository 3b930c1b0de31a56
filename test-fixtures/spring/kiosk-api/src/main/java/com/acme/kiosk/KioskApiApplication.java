package com.acme.kiosk;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class KioskApiApplication {

  public static void main(String[] args) {
    SpringApplication.run(KioskApiApplication.class, args);
  }
}
