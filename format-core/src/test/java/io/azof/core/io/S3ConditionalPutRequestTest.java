package io.azof.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.s3.model.PutObjectRequest;
import io.azof.core.exceptions.InvalidOptionException;
import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;

/** The conditional PUT of a snapshot file: only if absent, and encrypted as S3A's settings say S3A encrypts. */
class S3ConditionalPutRequestTest {
    private static final byte[] SNAPSHOT = "{\"version\":3}".getBytes();

    private static PutObjectRequest request(String... settings) throws IOException {
        Configuration conf = new Configuration(false);
        for (int i = 0; i < settings.length; i += 2) {
            conf.set(settings[i], settings[i + 1]);
        }
        return S3ConditionalPut.request("bucket", "t/_snapshots/s3.json", SNAPSHOT, S3Encryption.of(conf));
    }

    @Test
    void putsOnlyIfAbsentWithoutEncryptionByDefault() throws IOException {
        PutObjectRequest put = request();
        assertThat(put.getCustomRequestHeaders()).containsEntry("If-None-Match", "*");
        assertThat(put.getBucketName()).isEqualTo("bucket");
        assertThat(put.getKey()).isEqualTo("t/_snapshots/s3.json");
        assertThat(put.getMetadata().getContentLength()).isEqualTo(SNAPSHOT.length);
        assertThat(put.getMetadata().getSSEAlgorithm()).isNull();
        assertThat(put.getSSEAwsKeyManagementParams()).isNull();
        assertThat(put.getSSECustomerKey()).isNull();
    }

    @Test
    void sseS3FromTheCurrentOrTheLegacyProperty() throws IOException {
        assertThat(request("fs.s3a.encryption.algorithm", "AES256").getMetadata().getSSEAlgorithm()).isEqualTo("AES256");
        assertThat(request("fs.s3a.encryption.algorithm", "SSE-S3").getMetadata().getSSEAlgorithm()).isEqualTo("AES256");
        assertThat(request("fs.s3a.server-side-encryption-algorithm", "AES256").getMetadata().getSSEAlgorithm()).isEqualTo("AES256");
        assertThat(request("fs.s3a.encryption.algorithm", "AES256").getCustomRequestHeaders()).containsEntry("If-None-Match", "*");
    }

    @Test
    void sseKmsWithTheConfiguredKeyOrTheBucketDefault() throws IOException {
        String arn = "arn:aws:kms:eu-west-1:123456789012:key/abcd";
        PutObjectRequest withKey = request("fs.s3a.encryption.algorithm", "SSE-KMS", "fs.s3a.encryption.key", arn);
        assertThat(withKey.getSSEAwsKeyManagementParams().getAwsKmsKeyId()).isEqualTo(arn);
        PutObjectRequest legacyKey = request("fs.s3a.server-side-encryption-algorithm", "SSE-KMS", "fs.s3a.server-side-encryption.key", arn);
        assertThat(legacyKey.getSSEAwsKeyManagementParams().getAwsKmsKeyId()).isEqualTo(arn);
        PutObjectRequest defaultKey = request("fs.s3a.encryption.algorithm", "SSE-KMS");
        assertThat(defaultKey.getSSEAwsKeyManagementParams()).isNotNull();
        assertThat(defaultKey.getSSEAwsKeyManagementParams().getAwsKmsKeyId()).isNull();
        assertThat(defaultKey.getSSEAwsKeyManagementParams().getEncryption()).isEqualTo("aws:kms");
    }

    @Test
    void sseCCarriesTheCustomerKeyAndNeedsOne() throws IOException {
        String customerKey = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";
        PutObjectRequest put = request("fs.s3a.encryption.algorithm", "SSE-C", "fs.s3a.encryption.key", customerKey);
        assertThat(put.getSSECustomerKey().getKey()).isEqualTo(customerKey);
        assertThatThrownBy(() -> request("fs.s3a.encryption.algorithm", "SSE-C"))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessageContaining("SSE-C").hasMessageContaining("fs.s3a.encryption.key");
    }

    @Test
    void clientSideEncryptionAndUnknownAlgorithmsAreRefusedNamingTheProperty() {
        assertThatThrownBy(() -> request("fs.s3a.encryption.algorithm", "CSE-KMS"))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessageContaining("'CSE-KMS'").hasMessageContaining("fs.s3a.encryption.algorithm")
                .hasMessageContaining("azof.commit.exclusive-create");
        assertThatThrownBy(() -> request("fs.s3a.encryption.algorithm", "ROT13"))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessageContaining("'ROT13'").hasMessageContaining("fs.s3a.encryption.algorithm");
    }
}
