package dev.tether.it;

import dev.tether.testing.Deployments;
import dev.tether.testing.Tokens;
import dev.tether.testing.WsClient;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URL;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Undeploying the application closes its connections with 3001 shutdown, reconnect true. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ShutdownIT {

    private static final String DEPLOYMENT = "shutdown";

    @ArquillianResource
    Deployer deployer;

    @Deployment(name = DEPLOYMENT, managed = false)
    static WebArchive deployment() {
        return Deployments.war(Map.of());
    }

    @Test
    void undeployingClosesEveryConnectionWithShutdown() throws Exception {
        deployer.deploy(DEPLOYMENT);
        URL base = new URL("http://localhost:" + System.getProperty("tether.http.port") + "/tether/");
        try (WsClient connected = WsClient.open(base); WsClient connecting = WsClient.open(base)) {
            connected.connect(Tokens.hs256("alice", 600));

            deployer.undeploy(DEPLOYMENT);

            for (WsClient client : new WsClient[] {connected, connecting}) {
                WsClient.Closed closed = client.awaitClose();
                assertEquals(3001, closed.code());
                assertEquals("{\"reason\":\"shutdown\",\"reconnect\":true}", closed.reason());
            }
        }
    }
}
