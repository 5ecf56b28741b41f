# Shape: lakehouse catalogs created in SQL: Iceberg over a REST catalog and Paimon on a warehouse path.
from pyflink.table import EnvironmentSettings, TableEnvironment

t_env = TableEnvironment.create(EnvironmentSettings.in_streaming_mode())
t_env.execute_sql("""
    CREATE CATALOG lake WITH (
        'type' = 'iceberg',
        'catalog-type' = 'rest',
        'uri' = 'http://rest:8181'
    )
""")
t_env.execute_sql("CREATE CATALOG paimon_cat WITH ('type' = 'paimon', 'warehouse' = 's3://wh/paimon')")
t_env.execute_sql("USE CATALOG lake")
