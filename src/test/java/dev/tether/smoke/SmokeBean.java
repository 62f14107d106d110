package dev.tether.smoke;

import jakarta.ejb.Singleton;

/**
 * A singleton EJB behind {@link SmokeResource}. It makes the smoke deployment go through the
 * EJB container and CDI proxies, the part that breaks on JDK 17 without Payara's
 * {@code --add-opens} flags (a JAX-RS-only WAR still deploys without them).
 */
@Singleton
public class SmokeBean {

    public String body() {
        return SmokeResource.BODY;
    }
}
