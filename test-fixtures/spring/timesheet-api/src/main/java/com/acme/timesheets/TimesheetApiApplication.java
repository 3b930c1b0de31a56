package com.acme.timesheets;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class TimesheetApiApplication {

  public static void main(String[] args) {
    SpringApplication.run(TimesheetApiApplication.class, args);
  }
}
