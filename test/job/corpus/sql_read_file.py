# Shape: DDL kept in a .sql file next to the job, read at run time and split into statements.
from pyflink.table import EnvironmentSettings, TableEnvironment

t_env = TableEnvironment.create(EnvironmentSettings.in_streaming_mode())
with open("ddl/orders.sql") as ddl_file:
    for statement in ddl_file.read().split(";"):
        if statement.strip():
            t_env.execute_sql(statement)
