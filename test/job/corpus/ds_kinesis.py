# Shape: an AWS-style job reading Kinesis with the legacy FlinkKinesisConsumer and writing with
# KinesisStreamsSink (two different AWS connector artifacts).
from pyflink.common.serialization import SimpleStringSchema
from pyflink.datastream import StreamExecutionEnvironment
from pyflink.datastream.connectors.kinesis import FlinkKinesisConsumer, KinesisStreamsSink, PartitionKeyGenerator

env = StreamExecutionEnvironment.get_execution_environment()
props = {"aws.region": "eu-west-1", "flink.stream.initpos": "LATEST"}
source = FlinkKinesisConsumer("input", SimpleStringSchema(), props)
sink = KinesisStreamsSink.builder() \
    .set_kinesis_client_properties({"aws.region": "eu-west-1"}) \
    .set_serialization_schema(SimpleStringSchema()) \
    .set_partition_key_generator(PartitionKeyGenerator.fixed()) \
    .set_stream_name("output") \
    .build()
env.add_source(source).sink_to(sink)
env.execute("kinesis")
