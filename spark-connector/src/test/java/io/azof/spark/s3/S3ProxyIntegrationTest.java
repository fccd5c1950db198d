package io.azof.spark.s3;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** {@link S3IntegrationContract} against S3Proxy started in this JVM: runs everywhere, Docker or not. */
class S3ProxyIntegrationTest extends S3IntegrationContract {
    private static final String BUCKET = "azof-s3proxy";
    private static S3ProxyServer server;
    private static S3TestEndpoint endpoint;

    @BeforeAll
    static void startServer() throws Exception {
        server = S3ProxyServer.start();
        endpoint = server.endpointWithBucket(BUCKET);
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Override
    S3TestEndpoint endpoint() {
        return endpoint;
    }

    @Override
    String bucket() {
        return BUCKET;
    }
}
