package io.azof.spark.s3;

import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link S3IntegrationContract} against S3Proxy started in this JVM: runs everywhere, Docker or not. */
class S3ProxyIntegrationTest extends S3IntegrationContract {
    private static final String BUCKET = "azof-s3proxy";

    @RegisterExtension
    static final S3ProxyExtension S3_PROXY = new S3ProxyExtension(BUCKET);

    @Override
    S3TestEndpoint endpoint() {
        return S3_PROXY.endpoint();
    }

    @Override
    String bucket() {
        return BUCKET;
    }
}
