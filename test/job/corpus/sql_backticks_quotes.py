# Shape: DDL with backtick identifiers (`order`, `from`), a COMMENT holding an escaped '' quote and a
# semicolon, before the options.
from pyflink.table import EnvironmentSettings, TableEnvironment

t_env = TableEnvironment.create(EnvironmentSettings.in_streaming_mode())
t_env.execute_sql("""
    CREATE TABLE `order` (
        `from` STRING COMMENT 'the customer''s city; may be empty',
        `to` STRING
    ) COMMENT 'it''s the orders table; not ''connector'' = ''bogus'''
    WITH (
        'connector' = 'mongodb',
        'uri' = 'mongodb://mongo:27017',
        'database' = 'shop',
        'collection' = 'orders'
    )
""")
