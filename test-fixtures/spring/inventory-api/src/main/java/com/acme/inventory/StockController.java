package com.acme.inventory;

import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class StockController {

  @GetMapping("/api/stock/{sku}")
  public Map<String, Object> stock(@PathVariable String sku) {
    return Map.of("sku", sku, "onHand", 12);
  }

  @PatchMapping("/api/stock/{sku}")
  public Map<String, Object> adjust(@PathVariable String sku, @RequestBody Map<String, Object> delta) {
    return delta;
  }

  @GetMapping("/public/stock/{sku}")
  public Map<String, Object> publicStock(@PathVariable String sku) {
    return Map.of("sku", sku, "available", true);
  }
}
