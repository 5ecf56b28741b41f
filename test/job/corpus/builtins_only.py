# Twin of statements_split.py: only connectors and formats built into Flink (datagen, print, blackhole,
# filesystem with csv/json): nothing to add.
from pyflink.table import EnvironmentSettings, TableEnvironment

t_env = TableEnvironment.create(EnvironmentSettings.in_streaming_mode())
t_env.execute_sql("CREATE TABLE gen (v BIGINT) WITH ('connector' = 'datagen')")
t_env.execute_sql("CREATE TABLE out (v BIGINT) WITH ('connector' = 'print')")
t_env.execute_sql("CREATE TABLE sink (v BIGINT) WITH ('connector' = 'filesystem', 'path' = '/o', 'format' = 'csv')")
t_env.execute_sql("INSERT INTO out SELECT v FROM gen")
