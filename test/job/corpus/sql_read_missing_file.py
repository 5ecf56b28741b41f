# Twin of sql_read_file.py: the .sql path is computed from an environment variable, so it cannot be read
# here: reported, not skipped.
import os
from pathlib import Path

from pyflink.table import EnvironmentSettings, TableEnvironment

t_env = TableEnvironment.create(EnvironmentSettings.in_streaming_mode())
sql_dir = os.environ.get("SQL_DIR", "/opt/sql")
t_env.execute_sql(Path(f"{sql_dir}/tables.sql").read_text())
