package com.acme.sync;

import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/sync")
public class SyncController {

  @PostMapping("/batches")
  public ResponseEntity<Map<String, Object>> upload(
      @RequestHeader("X-Sync-Token") String token, @RequestBody Map<String, Object> batch) { // ok: header-not-allowed
    return ResponseEntity.accepted().body(Map.of("batch", batch.size()));
  }

  @DeleteMapping("/batches/{id}")
  public ResponseEntity<Void> cancel(@PathVariable String id) {
    return ResponseEntity.noContent().build();
  }
}
