# Shape: an escaped quote in an ordinary string before the DDL ('it\'s'), which hid every later DDL from
# the old regular-expression scanner.
from pyflink.table import EnvironmentSettings, TableEnvironment

GREETING = 'it\'s a job'
NOTE = "say \"hi\" and it's fine"
t_env = TableEnvironment.create(EnvironmentSettings.in_streaming_mode())
t_env.execute_sql("""
    CREATE TABLE sink (msg STRING) WITH (
        'connector' = 'upsert-kafka',
        'topic' = 'out',
        'key.format' = 'json',
        'value.format' = 'avro'
    )
""")
print(GREETING, NOTE)
