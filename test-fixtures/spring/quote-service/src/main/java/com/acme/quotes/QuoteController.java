package com.acme.quotes;

import java.util.Map;
import org.springframework.web.bind.annotation.CrossOrigin;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/quotes")
@CrossOrigin(origins = "https://sales.acme.example")
public class QuoteController {

  @GetMapping("/{id}")
  public Map<String, Object> quote(@PathVariable String id) {
    return Map.of("id", id, "total", 980);
  }

  @PostMapping
  public Map<String, Object> create(@RequestBody Map<String, Object> quote) {
    return quote;
  }
}
