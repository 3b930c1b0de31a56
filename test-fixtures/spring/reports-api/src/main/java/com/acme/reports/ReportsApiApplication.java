package com.acme.reports;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class ReportsApiApplication {

  public static void main(String[] args) {
    SpringApplication.run(ReportsApiApplication.class, args);
  }
}
