# Shape: FormatDescriptor.for_format with options, passed to TableDescriptor.format (Avro with the
# Confluent schema registry).
from pyflink.table import EnvironmentSettings, FormatDescriptor, TableDescriptor, TableEnvironment

t_env = TableEnvironment.create(EnvironmentSettings.in_streaming_mode())
avro = FormatDescriptor.for_format("avro-confluent") \
    .option("url", "http://registry:8081") \
    .build()
t_env.create_temporary_table("events", TableDescriptor.for_connector("upsert-kafka").format(avro).build())
