# Twin of sql_ddl_kafka.py: the Kafka DDL is commented out line by line (a switch to datagen while
# testing); only datagen and print remain.
from pyflink.table import EnvironmentSettings, TableEnvironment

t_env = TableEnvironment.create(EnvironmentSettings.in_streaming_mode())
# t_env.get_config().set("pipeline.jars", "file:///opt/jobs/lib/flink-sql-connector-kafka-3.3.0-1.20.jar")
# t_env.execute_sql("""
#     CREATE TABLE clicks (user_id STRING) WITH (
#         'connector' = 'kafka',
#         'format' = 'json'
#     )
# """)
t_env.execute_sql("CREATE TABLE clicks (user_id STRING) WITH ('connector' = 'datagen', 'rows-per-second' = '5')")
t_env.execute_sql("CREATE TABLE out (user_id STRING) WITH ('connector' = 'print')")
