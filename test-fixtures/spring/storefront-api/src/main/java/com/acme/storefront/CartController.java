package com.acme.storefront;

import java.util.Map;
import org.springframework.web.bind.annotation.CrossOrigin;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/cart")
@CrossOrigin(origins = "https://www.acme-store.example") // expect: mixed-content-origin
public class CartController {

  @GetMapping
  public Map<String, Object> cart() {
    return Map.of("items", 2);
  }

  @PostMapping("/items")
  public Map<String, Object> add(@RequestBody Map<String, Object> item) {
    return item;
  }
}
