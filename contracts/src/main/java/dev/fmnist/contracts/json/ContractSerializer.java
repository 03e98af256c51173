package dev.fmnist.contracts.json;

import org.apache.kafka.common.serialization.Serializer;

/**
 * Kafka value serializer for any contract record, through {@link JsonCodec}. Configure it as
 * {@code value.serializer=dev.fmnist.contracts.json.ContractSerializer}.
 */
public class ContractSerializer implements Serializer<Object> {

    @Override
    public byte[] serialize(String topic, Object data) {
        return data == null ? null : JsonCodec.toBytes(data);
    }
}
