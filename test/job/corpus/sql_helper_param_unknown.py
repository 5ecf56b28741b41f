# Twin of sql_helper_param.py: the helper is only ever given SQL read from the command line, so what it
# runs is unknown here: reported once, at the execute_sql line.
import sys

from pyflink.table import EnvironmentSettings, TableEnvironment


def run_ddl(t_env, ddl):
    t_env.execute_sql(ddl)


t_env = TableEnvironment.create(EnvironmentSettings.in_streaming_mode())
run_ddl(t_env, sys.argv[1])
