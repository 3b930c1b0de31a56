package com.acme.media;

import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

@RestController
public class UploadController {

  @PostMapping("/media")
  public Map<String, Object> upload(@RequestParam("file") MultipartFile file) {
    return Map.of("size", file.getSize());
  }

  @GetMapping("/media/{id}")
  public Map<String, Object> info(@PathVariable String id) {
    return Map.of("id", id);
  }
}
