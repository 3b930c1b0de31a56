package com.acme.payments;

import java.util.Map;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class PaymentController {

  @PostMapping("/payments")
  public Map<String, Object> pay(@RequestHeader("Idempotency-Key") String key, @RequestBody Map<String, Object> payment) {
    return Map.of("key", key, "status", "accepted");
  }

  @PutMapping("/payments/{id}/capture")
  public Map<String, Object> capture(@PathVariable String id) {
    return Map.of("id", id, "status", "captured");
  }
}
