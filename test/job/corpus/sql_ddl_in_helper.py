# Shape: DDL produced by a helper function with an f-string (topic filled in), executed by the caller.
from pyflink.table import EnvironmentSettings, TableEnvironment


def kafka_table(name: str, topic: str) -> str:
    return f"""
        CREATE TABLE {name} (payload STRING) WITH (
            'connector' = 'kafka',
            'topic' = '{topic}',
            'format' = 'raw'
        )
    """


t_env = TableEnvironment.create(EnvironmentSettings.in_streaming_mode())
t_env.execute_sql(kafka_table("events", "events-v2"))
