package com.acme.portal.api;

/** Front ends that embed the partner widgets. */
public final class PartnerOrigins {

  public static final String PORTAL = "https://portal.acme.example";

  // The widget preview runs in a sandboxed iframe, which sends Origin: null.
  public static final String WIDGET_PREVIEW = "null"; // expect: null-origin-allowed

  public static final String INTRANET = "http://intranet.acme.example"; // expect: insecure-origin-trusted

  private PartnerOrigins() {}
}
