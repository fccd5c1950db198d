package io.azof.spark.s3;

import org.junit.jupiter.api.BeforeAll;
import org.testcontainers.containers.MinIOContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * {@link S3IntegrationContract} against MinIO in a container. Where no Docker engine is reachable the whole class is
 * skipped (reported as skipped, not failed); S3ProxyIntegrationTest covers the same tests there.
 */
@Testcontainers(disabledWithoutDocker = true)
class MinioIntegrationTest extends S3IntegrationContract {
    private static final String BUCKET = "azof-minio";

    // A release with conditional writes (If-None-Match), which the default commit mode on s3a:// relies on.
    @Container
    static final MinIOContainer MINIO = new MinIOContainer("minio/minio:RELEASE.2025-04-22T22-12-26Z");

    private static S3TestEndpoint endpoint;

    @BeforeAll
    static void createBucket() {
        endpoint = new S3TestEndpoint("minio", MINIO.getS3URL(), MINIO.getUserName(), MINIO.getPassword());
        endpoint.createBucket(BUCKET);
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
