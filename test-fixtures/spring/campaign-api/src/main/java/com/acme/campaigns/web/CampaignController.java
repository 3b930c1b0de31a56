package com.acme.campaigns.web;

import java.util.List;
import java.util.Map;
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
@RequestMapping("/api/campaigns")
public class CampaignController {

  @GetMapping
  public List<Map<String, Object>> campaigns() {
    return List.of(Map.of("id", 1, "name", "Autumn sale"));
  }

  @PostMapping
  public Map<String, Object> create(@RequestBody Map<String, Object> campaign, @RequestHeader("Authorization") String token) { // ok: header-not-allowed
    return campaign;
  }

  @PutMapping("/{id}")
  public Map<String, Object> update(@PathVariable long id, @RequestBody Map<String, Object> campaign) {
    return campaign;
  }

  @DeleteMapping("/{id}") // ok: method-not-allowed
  public void delete(@PathVariable long id) {}
}
