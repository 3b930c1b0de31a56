package com.acme.kiosk;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;
import org.springframework.web.cors.CorsUtils;
import org.springframework.web.filter.OncePerRequestFilter;

/** In-store kiosks load the ordering app from their own host and call this API on the store network. */
@Component
public class KioskCorsFilter extends OncePerRequestFilter {

  private static final Pattern KIOSK_ORIGIN = Pattern.compile("https://kiosk-[a-z0-9]+\\.stores\\.acme\\.example");

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String origin = request.getHeader("Origin");
    if (CorsUtils.isPreFlightRequest(request)) {
      if (origin != null && KIOSK_ORIGIN.matcher(origin).matches()) { // ok: permissive-origin-regex
        response.setHeader("Access-Control-Allow-Origin", origin); // expect: missing-allow-origin
        response.setHeader("Access-Control-Allow-Methods", "GET, POST, PUT");
        response.setHeader("Access-Control-Allow-Headers", "Content-Type");
        response.setHeader("Access-Control-Allow-Private-Network", "true"); // expect: private-network-access
        response.setHeader("Vary", "Origin");
      }
      response.setStatus(HttpServletResponse.SC_OK);
      return;
    }
    chain.doFilter(request, response);
  }
}
