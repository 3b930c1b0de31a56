package com.acme.notifications;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class NotificationApiApplication {

  public static void main(String[] args) {
    SpringApplication.run(NotificationApiApplication.class, args);
  }
}
