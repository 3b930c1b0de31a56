package com.acme.search;

import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class SearchController {

  @GetMapping("/search")
  public List<String> search(@RequestParam String q) {
    return List.of(q);
  }

  @PutMapping("/search/synonyms")
  public Map<String, Object> synonyms(@RequestBody Map<String, Object> body) {
    return body;
  }
}
