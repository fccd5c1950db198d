package io.azof.spark.s3;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * An {@link S3ProxyServer} with one bucket for a test class: started before its first test, stopped after its last.
 * Register it on a static field with {@code @RegisterExtension}.
 */
public final class S3ProxyExtension implements BeforeAllCallback, AfterAllCallback {
    private final String bucket;
    private S3ProxyServer server;
    private S3TestEndpoint endpoint;

    public S3ProxyExtension(String bucket) {
        this.bucket = bucket;
    }

    /** The running server, whose bucket exists. */
    public S3TestEndpoint endpoint() {
        return endpoint;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        server = S3ProxyServer.start();
        endpoint = new S3TestEndpoint("s3proxy", server.endpoint(), S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY);
        endpoint.createBucket(bucket);
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (server != null) {
            server.close();
        }
    }
}
