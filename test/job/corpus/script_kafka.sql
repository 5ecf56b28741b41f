-- Shape: a Flink SQL client script (sql-client.sh -f): SET pipeline.jars, a Kafka table, an INSERT.
SET 'pipeline.jars' = 'file:///opt/sql/lib/flink-sql-connector-kafka-3.3.0-1.20.jar';
SET 'execution.runtime-mode' = 'streaming';

CREATE TABLE clicks (
    url STRING,  -- 'connector' = 'kinesis' is the old source
    ts TIMESTAMP(3)
) WITH (
    'connector' = 'kafka',
    'topic' = 'clicks',
    'value.format' = 'json'
);

/* CREATE TABLE old (v STRING) WITH ('connector' = 'pulsar'); */
INSERT INTO blackhole_sink SELECT url FROM clicks;
