package com.acme.campaigns.web;

import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class PreviewController {

  @GetMapping("/api/previews/{branch}")
  public Map<String, Object> preview(@PathVariable String branch) {
    return Map.of("branch", branch, "blocks", 6);
  }
}
