package com.acme.payments;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class PaymentsApiApplication {

  public static void main(String[] args) {
    SpringApplication.run(PaymentsApiApplication.class, args);
  }
}
