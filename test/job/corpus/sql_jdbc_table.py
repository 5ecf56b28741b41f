# Shape: a JDBC sink table naming its driver explicitly with the 'driver' option.
from pyflink.table import EnvironmentSettings, TableEnvironment

t_env = TableEnvironment.create(EnvironmentSettings.in_streaming_mode())
t_env.execute_sql("""
    CREATE TABLE report (day DATE, total BIGINT, PRIMARY KEY (day) NOT ENFORCED) WITH (
        'connector' = 'jdbc',
        'url' = 'jdbc:sqlserver://mssql:1433;databaseName=reports',
        'driver' = 'com.microsoft.sqlserver.jdbc.SQLServerDriver',
        'table-name' = 'report'
    )
""")
