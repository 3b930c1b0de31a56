package com.acme.crm.web;

import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/contacts")
public class ContactController {

  @GetMapping
  public List<Map<String, Object>> contacts(@RequestHeader("X-Tenant-Id") String tenant) {
    return List.of(Map.of("name", "Ada", "tenant", tenant));
  }

  @PutMapping("/{id}")
  public Map<String, Object> update(@PathVariable long id, @RequestBody Map<String, Object> contact) {
    return contact;
  }

  @DeleteMapping("/{id}") // ok: method-not-allowed
  public void delete(@PathVariable long id) {}
}
