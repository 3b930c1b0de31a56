package com.acme.loyalty;

import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.springframework.web.bind.annotation.CrossOrigin;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/points")
@CrossOrigin(origins = "https://rewards.acme.example")
public class PointsController {

  @GetMapping("/{member}")
  public Map<String, Object> balance(@PathVariable String member, HttpServletResponse response) {
    // the old widget read the balance from any page; kept "for compatibility"
    response.addHeader("Access-Control-Allow-Origin", "*"); // expect: duplicate-cors-headers, wildcard-origin
    return Map.of("member", member, "points", 1200);
  }

  @PostMapping("/{member}/redeem")
  public Map<String, Object> redeem(@PathVariable String member, @RequestBody Map<String, Object> request,
      HttpServletResponse response) {
    response.setHeader("Access-Control-Allow-Origin", "https://rewards.acme.example"); // ok: duplicate-cors-headers
    return Map.of("member", member, "redeemed", request.get("points"));
  }
}
