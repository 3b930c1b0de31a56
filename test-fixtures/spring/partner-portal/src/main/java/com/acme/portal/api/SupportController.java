package com.acme.portal.api;

import java.util.Map;
import org.springframework.web.bind.annotation.CrossOrigin;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class SupportController {

  // The support SPA; the second origin is the developer's Angular dev server.
  @CrossOrigin(origins = {"https://support.acme.example", "http://localhost:4200"}) // expect: dev-origin-in-production
  @GetMapping("/api/support/status")
  public Map<String, String> status() {
    return Map.of("status", "green");
  }
}
