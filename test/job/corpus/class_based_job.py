# Shape: the job wrapped in a class whose methods build the DDL from attributes (a pattern of larger
# code bases); the format comes from a class constant.
from pyflink.table import EnvironmentSettings, TableEnvironment


class OrdersJob:
    FORMAT = "csv"

    def __init__(self):
        self.t_env = TableEnvironment.create(EnvironmentSettings.in_batch_mode())

    def source_ddl(self):
        return ("CREATE TABLE orders (id INT) WITH ('connector' = 'filesystem', "
                "'path' = '/data/orders', 'format' = 'csv')")

    def run(self):
        self.t_env.execute_sql(self.source_ddl())


OrdersJob().run()
