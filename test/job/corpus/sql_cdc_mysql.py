# Shape: Flink CDC: a mysql-cdc source table synchronised into an upsert-kafka topic with debezium-json.
from pyflink.table import EnvironmentSettings, TableEnvironment

t_env = TableEnvironment.create(EnvironmentSettings.in_streaming_mode())
t_env.execute_sql("""
    CREATE TABLE products (id INT, name STRING, PRIMARY KEY (id) NOT ENFORCED) WITH (
        'connector' = 'mysql-cdc',
        'hostname' = 'mysql',
        'port' = '3306',
        'database-name' = 'shop',
        'table-name' = 'products'
    )
""")
t_env.execute_sql("""
    CREATE TABLE products_topic (id INT, name STRING, PRIMARY KEY (id) NOT ENFORCED) WITH (
        'connector' = 'upsert-kafka',
        'topic' = 'products',
        'key.format' = 'json',
        'value.format' = 'debezium-json'
    )
""")
