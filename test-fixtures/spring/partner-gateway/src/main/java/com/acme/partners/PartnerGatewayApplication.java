package com.acme.partners;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class PartnerGatewayApplication {

  public static void main(String[] args) {
    SpringApplication.run(PartnerGatewayApplication.class, args);
  }
}
