package com.acme.fieldops;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class FieldOpsApiApplication {

  public static void main(String[] args) {
    SpringApplication.run(FieldOpsApiApplication.class, args);
  }
}
