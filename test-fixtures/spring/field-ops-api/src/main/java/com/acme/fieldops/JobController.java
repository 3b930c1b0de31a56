package com.acme.fieldops;

import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class JobController {

  @GetMapping("/jobs")
  public List<Map<String, Object>> jobs() {
    return List.of(Map.of("id", 7, "site", "Depot 3"));
  }

  @PutMapping("/jobs/{id}")
  public Map<String, Object> complete(@PathVariable long id, @RequestBody Map<String, Object> report) {
    return report;
  }
}
