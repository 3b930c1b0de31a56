package com.acme.surveys;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/** Answers the browser's OPTIONS requests for the survey widget. */
@Component
public class PreflightFilter extends OncePerRequestFilter {

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    response.setHeader("Access-Control-Allow-Methods", "GET, POST"); // expect: missing-allow-origin
    response.setHeader("Access-Control-Allow-Headers", "Content-Type");
    if (request.getMethod().equals("OPTIONS")) {
      response.setHeader("Access-Control-Allow-Origin", "https://surveys.acme.example");
      response.setStatus(HttpServletResponse.SC_OK);
      return;
    }
    chain.doFilter(request, response);
  }
}
