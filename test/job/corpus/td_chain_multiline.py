# Shape: Table API descriptor built over several lines, with .format() on its own line and key/value
# formats as options (the TableDescriptor examples of the PyFlink Table API docs).
from pyflink.table import DataTypes, EnvironmentSettings, Schema, TableDescriptor, TableEnvironment

t_env = TableEnvironment.create(EnvironmentSettings.in_streaming_mode())
t_env.create_temporary_table(
    "orders",
    TableDescriptor.for_connector("kafka")
    .schema(Schema.new_builder().column("id", DataTypes.BIGINT()).build())
    .option("topic", "orders")
    .option("key.format", "raw")
    .option("value.format", "json")
    .build())
t_env.create_temporary_table(
    "archive",
    TableDescriptor.for_connector("filesystem")
    .option("path", "s3://bucket/orders")
    .format("parquet")
    .build())
