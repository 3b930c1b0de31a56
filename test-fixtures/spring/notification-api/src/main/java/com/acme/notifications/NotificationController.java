package com.acme.notifications;

import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class NotificationController {

  @GetMapping("/notifications")
  public List<Map<String, Object>> unread() {
    return List.of(Map.of("id", 3, "text", "Your order shipped"));
  }

  @PutMapping("/notifications/{id}/read")
  public Map<String, Object> markRead(@PathVariable long id) {
    return Map.of("id", id, "read", true);
  }
}
