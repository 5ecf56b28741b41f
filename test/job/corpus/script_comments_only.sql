-- Twin of script_kafka.sql: everything that would need a JAR is commented out.
-- SET 'pipeline.jars' = 'file:///opt/sql/lib/flink-sql-connector-kafka-3.3.0-1.20.jar';
/*
CREATE TABLE clicks (url STRING) WITH ('connector' = 'kafka', 'format' = 'json');
*/
SELECT 'connector' AS word, 'kafka' AS value;
