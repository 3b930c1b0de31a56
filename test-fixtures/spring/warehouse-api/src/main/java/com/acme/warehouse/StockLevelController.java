package com.acme.warehouse;

import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class StockLevelController {

  @GetMapping("/api/v1/stock/{sku}")
  public Map<String, Object> stock(@PathVariable String sku) {
    return Map.of("sku", sku, "level", 40);
  }

  @PutMapping("/api/v1/stock/{sku}")
  public Map<String, Object> set(@PathVariable String sku, @RequestBody Map<String, Object> level) {
    return level;
  }
}
