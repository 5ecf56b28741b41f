# Shape: a list of DDL constants executed in a loop, then a statement set with two INSERTs.
from pyflink.table import EnvironmentSettings, TableEnvironment

SOURCE = "CREATE TABLE src (id BIGINT) WITH ('connector' = 'kafka', 'topic' = 'in', 'format' = 'csv')"
SINK_A = "CREATE TABLE a (id BIGINT) WITH ('connector' = 'elasticsearch-7', 'hosts' = 'http://es:9200', 'index' = 'a')"
SINK_B = "CREATE TABLE b (id BIGINT) WITH ('connector' = 'blackhole')"

t_env = TableEnvironment.create(EnvironmentSettings.in_streaming_mode())
for ddl in [SOURCE, SINK_A, SINK_B]:
    t_env.execute_sql(ddl)
statements = t_env.create_statement_set()
statements.add_insert_sql("INSERT INTO a SELECT id FROM src")
statements.add_insert_sql("INSERT INTO b SELECT id FROM src")
statements.execute()
