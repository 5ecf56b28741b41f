# Shape: DataStream job reading Kafka with the KafkaSource builder, as in the PyFlink DataStream
# connector docs (the JAR is expected on pipeline.jars; here it is not named at all).
from pyflink.common import WatermarkStrategy
from pyflink.common.serialization import SimpleStringSchema
from pyflink.datastream import StreamExecutionEnvironment
from pyflink.datastream.connectors.kafka import KafkaSource, KafkaOffsetsInitializer


def build_source(brokers: str) -> KafkaSource:
    return KafkaSource.builder() \
        .set_bootstrap_servers(brokers) \
        .set_topics("clicks") \
        .set_group_id("clicks-reader") \
        .set_starting_offsets(KafkaOffsetsInitializer.earliest()) \
        .set_value_only_deserializer(SimpleStringSchema()) \
        .build()


env = StreamExecutionEnvironment.get_execution_environment()
stream = env.from_source(build_source("kafka:9092"), WatermarkStrategy.no_watermarks(), "clicks")
stream.print()
env.execute("clicks")
