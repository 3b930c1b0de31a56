package com.acme.admin;

import java.util.List;
import org.springframework.web.bind.annotation.CrossOrigin;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@RestController
@CrossOrigin(origins = "https://admin.acme.example", allowCredentials = "true")
public class UserAdminController {

  @GetMapping("/api/users")
  public List<String> users() {
    return List.of("ada", "grace");
  }

  @DeleteMapping("/api/users/{name}")
  public void remove(@PathVariable String name) {}

  @GetMapping("/api/public/status")
  public String status() {
    return "up";
  }
}
