package io.azof.spark.write;

import static org.assertj.core.api.Assertions.assertThat;

import io.azof.core.write.RecordLayout;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.serializer.KryoSerializer;
import org.apache.spark.serializer.SerializerInstance;
import org.junit.jupiter.api.Test;
import scala.Tuple2;
import scala.reflect.ClassTag$;

/**
 * Writes shuffle (sort key, record) pairs with {@code spark.serializer}; many clusters (Databricks among
 * them) set it to Kryo, which cannot build Java records. The shuffled values must survive Kryo.
 */
class KryoShuffleTest {

    @Test
    void sortKeysAndRecordsOfEveryValueKindSurviveKryo() {
        SerializerInstance kryo = new KryoSerializer(new SparkConf()).newInstance();
        // Arrays and maps as SparkValues.fromSpark builds them.
        Map<Object, Object> map = new LinkedHashMap<>();
        map.put("k", new ArrayList<>(List.of(1, 2)));
        Object[] record = {"ticker", 5L, 7, new BigDecimal("1.50"), new byte[] {1, 2}, new Object[] {"nested", null},
            new ArrayList<>(List.of("a")), map, true};
        RecordLayout.SortKey key = new RecordLayout.SortKey(3, 42L, new Object[] {"ticker", new BigDecimal("1.50")}, 7L);

        Object back = kryo.deserialize(kryo.serialize(new Tuple2<>(key, record), ClassTag$.MODULE$.AnyRef()), ClassTag$.MODULE$.AnyRef());

        Tuple2<?, ?> pair = (Tuple2<?, ?>) back;
        RecordLayout.SortKey keyBack = (RecordLayout.SortKey) pair._1();
        assertThat(keyBack.bucket()).isEqualTo(3);
        assertThat(keyBack.segmentStart()).isEqualTo(42L);
        assertThat(keyBack.key()).containsExactly("ticker", new BigDecimal("1.50"));
        assertThat(keyBack.eventTime()).isEqualTo(7L);
        assertThat((Object[]) pair._2()).usingRecursiveComparison().isEqualTo(record);
    }
}
