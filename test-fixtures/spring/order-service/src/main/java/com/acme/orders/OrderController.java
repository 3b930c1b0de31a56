package com.acme.orders;

import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/orders")
public class OrderController {

  @GetMapping
  public List<Map<String, Object>> orders() {
    return List.of(Map.of("id", 1001, "status", "shipped"));
  }

  @PutMapping("/{id}/status")
  public Map<String, Object> updateStatus(@PathVariable long id, @RequestBody Map<String, Object> status) {
    return status;
  }
}
