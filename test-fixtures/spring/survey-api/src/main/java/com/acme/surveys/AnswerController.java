package com.acme.surveys;

import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class AnswerController {

  @GetMapping("/surveys/{id}")
  public Map<String, Object> survey(@PathVariable String id) {
    return Map.of("id", id, "questions", 5);
  }

  @PostMapping("/surveys/{id}/answers")
  public Map<String, Object> answer(@PathVariable String id, @RequestBody Map<String, Object> answers) {
    return Map.of("id", id, "stored", true);
  }
}
