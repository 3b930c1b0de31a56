package com.acme.catalog;

import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class CategoryController {

  @GetMapping("/categories")
  public List<String> categories() {
    return List.of("kitchen", "garden");
  }

  @PutMapping("/categories/{name}")
  public Map<String, Object> rename(@PathVariable String name, @RequestBody Map<String, Object> body) {
    return body;
  }
}
