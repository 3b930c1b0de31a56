package com.acme.warehouse.v2;

import java.util.Map;
import org.springframework.web.bind.annotation.CrossOrigin;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The v2 API for the new warehouse app. */
@RestController
@RequestMapping("/api/v2/shipments")
@CrossOrigin(origins = "https://warehouse.acme.example", methods = {org.springframework.web.bind.annotation.RequestMethod.GET, org.springframework.web.bind.annotation.RequestMethod.PUT})
public class ShipmentController {

  @GetMapping("/{id}")
  public Map<String, Object> shipment(@PathVariable String id) {
    return Map.of("id", id, "status", "packed");
  }

  @PutMapping("/{id}")
  public Map<String, Object> update(@PathVariable String id, @RequestBody Map<String, Object> shipment) {
    return shipment;
  }
}
