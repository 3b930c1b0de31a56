package com.acme.sync;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/** CORS for the partner sync endpoints, which partners' on-premise tools call from their intranets. */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class CorsHeaderFilter extends OncePerRequestFilter {

  private static final Set<String> PARTNER_PORTALS = Set.of(
      "https://portal.northwind.example", // ok: null-origin-allowed
      "https://sync.contoso.example");

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String origin = request.getHeader(HttpHeaders.ORIGIN);
    if (origin != null && (PARTNER_PORTALS.contains(origin) || origin.endsWith("acme.example"))) { // expect: permissive-origin-regex, insecure-origin-trusted
      response.setHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, origin); // ok: origin-reflection, missing-vary-origin
      response.addHeader(HttpHeaders.VARY, HttpHeaders.ORIGIN);
      response.setHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS, "GET, POST, PUT, OPTIONS"); // expect: method-not-allowed
      response.setHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS, "Content-Type, Authorization, X-Sync-Token");
      // the tools run on partners' private networks
      response.setHeader("Access-Control-Allow-Private-Network", "true"); // expect: private-network-access
    }
    if ("OPTIONS".equals(request.getMethod())) {
      response.setStatus(HttpServletResponse.SC_NO_CONTENT);
      return;
    }
    chain.doFilter(request, response);
  }
}
