# Shape: DDL template filled with %-formatting (older Python style): the connector comes from a tuple.
from pyflink.table import EnvironmentSettings, TableEnvironment

TEMPLATE = "CREATE TABLE %s (v STRING) WITH ('connector' = '%s', 'format' = '%s')"
t_env = TableEnvironment.create(EnvironmentSettings.in_streaming_mode())
t_env.execute_sql(TEMPLATE % ("events", "kafka", "avro"))
