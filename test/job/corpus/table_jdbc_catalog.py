# Shape: a JdbcCatalog over MySQL (keyword base_url), so tables need no DDL; the driver comes from the URL.
from pyflink.table import EnvironmentSettings, TableEnvironment
from pyflink.table.catalog import JdbcCatalog

t_env = TableEnvironment.create(EnvironmentSettings.in_streaming_mode())
catalog = JdbcCatalog("shop", "shop", "reader", "pw", base_url="jdbc:mysql://mysql:3306")
t_env.register_catalog("shop", catalog)
t_env.execute_sql("SELECT * FROM shop.shop.orders").print()
