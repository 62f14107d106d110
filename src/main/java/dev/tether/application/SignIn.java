package dev.tether.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.authentication.mechanism.http.FormAuthenticationMechanismDefinition;
import jakarta.security.enterprise.authentication.mechanism.http.LoginToContinue;

/**
 * Sign-in is the container's FORM login: {@code j_username} and {@code j_password} posted to
 * {@code j_security_check}. The signed-in principal is kept in the HTTP session, which the refresh endpoint
 * reads. Users come from the application's identity stores: the demo store below, or any store a site adds.
 */
@ApplicationScoped
@FormAuthenticationMechanismDefinition(loginToContinue = @LoginToContinue(
        loginPage = "/login.html",
        errorPage = "/login-failed.html",
        useForwardToLogin = false))
public class SignIn {
}
