# Shape: DDL whose WITH list carries SQL comments: a disabled option after --, and a /* */ block holding
# an old connector. Only the live options count.
from pyflink.table import EnvironmentSettings, TableEnvironment

t_env = TableEnvironment.create(EnvironmentSettings.in_streaming_mode())
t_env.execute_sql("""
    CREATE TABLE readings (
        sensor STRING, -- 'connector' = 'kafka' was here
        val DOUBLE
    ) WITH (
        /* 'connector' = 'kinesis',
           'format' = 'avro', */
        'connector' = 'filesystem', -- 'format' = 'orc'
        'path' = '/data/readings',
        'format' = 'csv'
    )
""")
