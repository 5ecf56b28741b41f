# Twin of sql_percent_format.py: the connector name comes from a command-line argument, so it is only
# known at run time: reported with its line, not guessed.
import sys

from pyflink.table import EnvironmentSettings, TableEnvironment

connector = sys.argv[1]
t_env = TableEnvironment.create(EnvironmentSettings.in_streaming_mode())
t_env.execute_sql(f"CREATE TABLE events (v STRING) WITH ('connector' = '{connector}', 'format' = 'json')")
