# Shape: Python 3.12 f-strings nesting the same quotes inside a field (cfg["topic"]), around a DDL whose
# connector is literal. requires-python: 3.12
from pyflink.table import EnvironmentSettings, TableEnvironment

cfg = {"topic": "events", "servers": "kafka:9092"}
t_env = TableEnvironment.create(EnvironmentSettings.in_streaming_mode())
t_env.execute_sql(f"CREATE TABLE e (v STRING) WITH ('connector' = 'kafka', 'topic' = '{cfg["topic"]}', 'format' = 'json')")
