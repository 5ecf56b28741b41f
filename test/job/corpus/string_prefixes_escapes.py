# Shape: string literals of every kind around the DDL: raw, bytes, unicode prefixes, a backslash line
# continuation inside a string, \N{...} and octal escapes, and a raw triple-quoted DDL.
from pyflink.table import EnvironmentSettings, TableEnvironment

PATTERN = r"C:\new\table"
RAW_BYTES = rb'\x00 "quoted" \''
SNOWMAN = u"\N{SNOWMAN} \101 \x41 \u0041"
LONG = "first part \
second part"
t_env = TableEnvironment.create(EnvironmentSettings.in_streaming_mode())
t_env.execute_sql(r"""
    CREATE TABLE lines (line STRING) WITH (
        'connector' = 'filesystem',
        'path' = 'C:\data\in',
        'format' = 'raw'
    )
""")
