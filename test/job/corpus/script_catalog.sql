-- Shape: a SQL script that adds a JAR, creates a Hive catalog and switches to it.
ADD JAR '/opt/sql/lib/flink-sql-connector-hive-3.1.3_2.12-1.20.1.jar';
CREATE CATALOG hive WITH (
    'type' = 'hive',
    'hive-conf-dir' = '/etc/hive/conf'
);
USE CATALOG hive;
