package com.acme.shop.web;

import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/products")
public class ProductController {

  @GetMapping
  public List<Map<String, Object>> list() {
    return List.of(Map.of("id", 1, "name", "Espresso cup"));
  }

  @GetMapping("/{id}")
  public Map<String, Object> get(@PathVariable long id) {
    return Map.of("id", id, "name", "Espresso cup");
  }

  @PostMapping
  public ResponseEntity<Map<String, Object>> create(@RequestBody Map<String, Object> product) {
    return ResponseEntity.status(201).body(product);
  }

  @PutMapping("/{id}")
  public Map<String, Object> update(@PathVariable long id, @RequestBody Map<String, Object> product) {
    return product;
  }

  @DeleteMapping("/{id}")
  public ResponseEntity<Void> delete(@PathVariable long id) {
    return ResponseEntity.noContent().build();
  }

  @PostMapping("/{id}/cart")
  public Map<String, Object> addToCart(@PathVariable long id, @RequestHeader("X-Cart-Id") String cartId) { // ok: header-not-allowed
    return Map.of("cart", cartId, "product", id);
  }
}
