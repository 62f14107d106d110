package dev.tether.application;

import jakarta.servlet.http.HttpServletRequest;

import java.util.Locale;

/**
 * Tells a request sent by the page's own script from one a cross-site form could forge.
 *
 * <p>A cross-site HTML form can POST with a session cookie, but only as form data or plain text, and
 * without custom headers; a cross-site script that sets either needs a CORS preflight, which this
 * application never grants. centrifuge-js always sends both {@code X-Requested-With: XMLHttpRequest} and
 * {@code Content-Type: application/json}; either one is accepted.
 */
final class CrossSiteRequests {

    private CrossSiteRequests() {
    }

    static boolean isScripted(HttpServletRequest request) {
        return "XMLHttpRequest".equalsIgnoreCase(request.getHeader("X-Requested-With")) || isJson(request);
    }

    private static boolean isJson(HttpServletRequest request) {
        String contentType = request.getContentType();
        return contentType != null
                && contentType.toLowerCase(Locale.ROOT).split(";", 2)[0].strip().equals("application/json");
    }
}
