# Shape: one script string holding several statements, split on ';' and executed in a loop.
from pyflink.table import EnvironmentSettings, TableEnvironment

SCRIPT = """
CREATE TABLE a (v STRING) WITH ('connector' = 'datagen');
CREATE TABLE b (v STRING) WITH ('connector' = 'opensearch', 'hosts' = 'http://os:9200', 'index' = 'b');
INSERT INTO b SELECT v FROM a;
"""
t_env = TableEnvironment.create(EnvironmentSettings.in_streaming_mode())
for statement in SCRIPT.split(";"):
    if statement.strip():
        t_env.execute_sql(statement)
