# Shape: the classic PyFlink Table API job: Kafka source DDL, print sink, INSERT (PyFlink table API docs
# and countless tutorials), JAR on pipeline.jars.
from pyflink.table import EnvironmentSettings, TableEnvironment

t_env = TableEnvironment.create(EnvironmentSettings.in_streaming_mode())
t_env.get_config().set("pipeline.jars", "file:///opt/jobs/lib/flink-sql-connector-kafka-3.3.0-1.20.jar")

source_ddl = """
    CREATE TABLE clicks (
        user_id STRING,
        url STRING,
        ts TIMESTAMP(3)
    ) WITH (
        'connector' = 'kafka',
        'topic' = 'clicks',
        'properties.bootstrap.servers' = 'kafka:9092',
        'scan.startup.mode' = 'earliest-offset',
        'format' = 'json'
    )
"""
t_env.execute_sql(source_ddl)
t_env.execute_sql("CREATE TABLE out (user_id STRING, url STRING) WITH ('connector' = 'print')")
t_env.execute_sql("INSERT INTO out SELECT user_id, url FROM clicks").wait()
