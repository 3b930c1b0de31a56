package com.acme.quotes;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/** Hardening from the 2023 pen test: no OPTIONS or TRACE on the API. */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class HttpMethodFilter extends OncePerRequestFilter {

  private static final Set<String> BLOCKED_METHODS = Set.of("OPTIONS", "TRACE");

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (BLOCKED_METHODS.contains(request.getMethod())) {
      response.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED); // expect: preflight-not-handled
      return;
    }
    chain.doFilter(request, response);
  }
}
