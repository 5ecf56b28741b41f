# Twin of main_guard.py: the Kafka branch is disabled with `if 0:` and the filesystem branch is the else;
# a later `if True:` branch runs.
from pyflink.table import EnvironmentSettings, TableEnvironment

t_env = TableEnvironment.create(EnvironmentSettings.in_batch_mode())
if 0:
    t_env.execute_sql("CREATE TABLE s (v STRING) WITH ('connector' = 'kafka', 'format' = 'json')")
else:
    t_env.execute_sql("CREATE TABLE s (v STRING) WITH ('connector' = 'filesystem', 'path' = '/in', 'format' = 'json')")
if True:
    t_env.execute_sql("CREATE TABLE t (v STRING) WITH ('connector' = 'print')")
else:
    t_env.execute_sql("CREATE TABLE t (v STRING) WITH ('connector' = 'jdbc')")
