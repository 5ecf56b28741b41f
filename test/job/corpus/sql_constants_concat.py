# Shape: DDL assembled from module constants with + and implicit string concatenation.
from pyflink.table import EnvironmentSettings, TableEnvironment

CONNECTOR = "'connector' = 'jdbc', "
URL = "'url' = 'jdbc:mariadb://maria:3306/shop', "
DDL = ("CREATE TABLE customers (id INT, name STRING) WITH ("
       + CONNECTOR
       + URL
       + "'table-name' = 'customers'"
         ")")
t_env = TableEnvironment.create(EnvironmentSettings.in_batch_mode())
t_env.execute_sql(DDL)
