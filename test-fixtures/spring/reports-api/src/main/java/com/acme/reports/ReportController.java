package com.acme.reports;

import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/reports")
public class ReportController {

  @GetMapping
  public ResponseEntity<List<Map<String, Object>>> list() {
    return ResponseEntity.ok().header("X-Total-Count", "1").body(List.of(Map.of("id", "sales-q3")));
  }

  @PutMapping("/{id}")
  public Map<String, Object> save(@PathVariable String id, @RequestBody Map<String, Object> report) {
    return report;
  }
}
