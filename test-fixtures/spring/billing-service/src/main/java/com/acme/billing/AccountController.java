package com.acme.billing;

import java.util.Map;
import org.springframework.web.bind.annotation.CrossOrigin;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The signed-in customer's account; the web app calls it with the session cookie. */
@RestController
@RequestMapping("/api/account")
@CrossOrigin(origins = "*", allowCredentials = "true") // expect: wildcard-with-credentials
public class AccountController {

  @GetMapping
  public Map<String, Object> account() {
    return Map.of("id", 7, "plan", "pro");
  }

  @PutMapping("/plan")
  public Map<String, Object> changePlan(@RequestBody Map<String, Object> plan) {
    return plan;
  }
}
