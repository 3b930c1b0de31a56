package com.acme.portal.api;

import java.util.Map;
import org.springframework.web.bind.annotation.CrossOrigin;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Reports for the analytics front end, which is still served from its old domain spelling. */
@RestController
@RequestMapping("/api/reports")
@CrossOrigin(origins = "https://Analytics.Acme.example/") // ok: malformed-origin
public class ReportController {

  @GetMapping("/weekly")
  public Map<String, Object> weekly() {
    return Map.of("orders", 42);
  }

  @PutMapping("/weekly") // ok: preflight-not-handled
  public Map<String, Object> annotate(@RequestBody Map<String, Object> note) {
    return note;
  }
}
