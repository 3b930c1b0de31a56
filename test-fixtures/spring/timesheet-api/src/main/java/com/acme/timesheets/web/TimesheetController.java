package com.acme.timesheets.web;

import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class TimesheetController {

  @GetMapping("/timesheets")
  public List<Map<String, Object>> mine() {
    return List.of(Map.of("week", 47, "hours", 38));
  }

  @PutMapping("/timesheets/{week}")
  public Map<String, Object> submit(@PathVariable int week, @RequestBody Map<String, Object> sheet) {
    return sheet;
  }
}
