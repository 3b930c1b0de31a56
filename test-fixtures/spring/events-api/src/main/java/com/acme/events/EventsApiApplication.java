package com.acme.events;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class EventsApiApplication {

  public static void main(String[] args) {
    SpringApplication.run(EventsApiApplication.class, args);
  }
}
