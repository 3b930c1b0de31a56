package com.acme.portal.api;

import java.util.List;
import org.springframework.web.bind.annotation.CrossOrigin;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The public product catalog, embedded on partner sites. */
@CrossOrigin // expect: wildcard-origin
@RestController
public class CatalogController {

  @GetMapping("/catalog/products")
  public List<String> products() {
    return List.of("espresso-cup", "moka-pot");
  }
}
