package com.acme.edge;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class EdgeGatewayApplication {

  public static void main(String[] args) {
    SpringApplication.run(EdgeGatewayApplication.class, args);
  }
}
