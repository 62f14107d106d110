package dev.tether.transport;

/** The version clients see in connect and refresh results: the WAR's implementation version. */
final class ServerVersion {

    private static final String UNKNOWN = "dev";

    private ServerVersion() {
    }

    static String current() {
        String version = ServerVersion.class.getPackage().getImplementationVersion();
        return version == null ? UNKNOWN : version;
    }
}
