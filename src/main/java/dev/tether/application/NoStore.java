package dev.tether.application;

import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Response;

/** Responses about a user's session, which no cache may keep. */
final class NoStore {

    private NoStore() {
    }

    static Response ok(Object entity) {
        return Response.ok(entity).cacheControl(cacheControl()).build();
    }

    static Response forbidden() {
        return Response.status(Response.Status.FORBIDDEN).cacheControl(cacheControl()).build();
    }

    private static CacheControl cacheControl() {
        CacheControl cacheControl = new CacheControl();
        cacheControl.setNoStore(true);
        cacheControl.setNoTransform(false);
        return cacheControl;
    }
}
