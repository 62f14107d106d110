package dev.tether.application;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * Where a sign-in lands when the user opened the sign-in page directly: the container has already
 * authenticated the request, but there is no protected page to return to, so go to the signed-in area.
 * A sign-in that started from a protected page is sent back to that page by the container instead.
 */
@WebServlet("/j_security_check")
public class SignInLandingServlet extends HttpServlet {

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setStatus(HttpServletResponse.SC_SEE_OTHER);
        response.setHeader("Location", request.getContextPath() + "/app/");
    }
}
