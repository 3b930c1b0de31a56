package com.acme.inventory;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class InventoryApiApplication {

  public static void main(String[] args) {
    SpringApplication.run(InventoryApiApplication.class, args);
  }
}
