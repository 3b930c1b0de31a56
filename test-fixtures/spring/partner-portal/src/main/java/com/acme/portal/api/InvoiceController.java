package com.acme.portal.api;

import java.util.Map;
import org.springframework.web.bind.annotation.CrossOrigin;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/invoices")
public class InvoiceController {

  // Only the read side was opened up for the billing dashboard.
  @CrossOrigin(origins = "https://billing.acme.example:443") // expect: malformed-origin, method-not-allowed
  @GetMapping("/{id}")
  public Map<String, Object> invoice(@PathVariable long id) {
    return Map.of("id", id, "total", 120);
  }

  @PutMapping("/{id}") // ok: preflight-not-handled
  public Map<String, Object> approve(@PathVariable long id, @RequestBody Map<String, Object> body) {
    return body;
  }
}
