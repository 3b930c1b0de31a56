package com.acme.kiosk;

import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class OrderController {

  @GetMapping("/menu")
  public Map<String, Object> menu() {
    return Map.of("items", 12);
  }

  @PostMapping("/orders")
  public Map<String, Object> place(@RequestBody Map<String, Object> order) {
    return order;
  }

  @PutMapping("/orders/{id}")
  public Map<String, Object> amend(@PathVariable long id, @RequestBody Map<String, Object> order) {
    return order;
  }
}
