package com.acme.events.web;

import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class EventController {

  @GetMapping("/events")
  public List<Map<String, Object>> events() {
    return List.of(Map.of("id", 1, "title", "Launch"));
  }

  @PostMapping("/events")
  public Map<String, Object> create(@RequestBody Map<String, Object> event) {
    return event;
  }
}
