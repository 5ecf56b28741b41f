# Shape: Table API job registering a HiveCatalog (and the Hive module) before querying Hive tables.
from pyflink.table import EnvironmentSettings, TableEnvironment
from pyflink.table.catalog import HiveCatalog
from pyflink.table.module import HiveModule

t_env = TableEnvironment.create(EnvironmentSettings.in_batch_mode())
catalog = HiveCatalog("hive", "default", "/etc/hive/conf")
t_env.register_catalog("hive", catalog)
t_env.use_catalog("hive")
t_env.load_module("hive", HiveModule("3.1.3"))
t_env.execute_sql("SELECT COUNT(*) FROM orders").print()
