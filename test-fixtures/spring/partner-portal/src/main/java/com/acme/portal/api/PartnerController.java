package com.acme.portal.api;

import static com.acme.portal.api.PartnerOrigins.INTRANET;
import static com.acme.portal.api.PartnerOrigins.PORTAL;
import static com.acme.portal.api.PartnerOrigins.WIDGET_PREVIEW;

import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.CrossOrigin;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/partners")
@CrossOrigin(origins = {PORTAL, WIDGET_PREVIEW, INTRANET}, allowCredentials = "true")
public class PartnerController {

  @GetMapping
  public List<Map<String, String>> partners() {
    return List.of(Map.of("id", "p-1", "name", "Northwind"));
  }

  @GetMapping("/{id}/contacts")
  public List<Map<String, String>> contacts(@PathVariable String id) {
    return List.of(Map.of("name", "Ada", "partner", id));
  }
}
