package dev.tether.testing;

import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;

import java.io.File;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Test deployments: the WAR that {@code mvn package} built, as users deploy it, with the options a test
 * needs in the application's {@code microprofile-config.properties}.
 */
public final class Deployments {

    private static final File WAR = new File("target/tether.war");

    /** The options every test deployment shares: a known secret and short delays. */
    private static final Map<String, String> BASE = Map.of("token_hmac_secret_key", Tokens.SECRET);

    private Deployments() {
    }

    public static WebArchive war(Map<String, String> options) {
        if (!WAR.isFile()) {
            throw new IllegalStateException(WAR + " is missing: run the tests through mvn verify");
        }
        Map<String, String> all = new TreeMap<>(BASE);
        all.putAll(options);
        String properties = all.entrySet().stream()
                .map(option -> option.getKey() + "=" + option.getValue())
                .collect(Collectors.joining("\n", "", "\n"));
        return ShrinkWrap.createFromZipFile(WebArchive.class, WAR)
                .addAsResource(new StringAsset(properties), "META-INF/microprofile-config.properties")
                // Load the application's classes from the WAR, not from the test class path.
                .addAsWebInfResource(new StringAsset(
                        "<glassfish-web-app><class-loader delegate=\"false\"/></glassfish-web-app>"),
                        "glassfish-web.xml");
    }
}
