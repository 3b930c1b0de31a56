package com.acme.campaigns;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class CampaignApiApplication {

  public static void main(String[] args) {
    SpringApplication.run(CampaignApiApplication.class, args);
  }
}
