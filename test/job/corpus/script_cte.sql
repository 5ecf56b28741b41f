-- Shape: a WITH common table expression (not table options) and a CREATE TABLE AS SELECT whose own WITH
-- list names the sink connector.
CREATE TABLE totals WITH ('connector' = 'filesystem', 'path' = '/out', 'format' = 'parquet') AS
WITH recent AS (SELECT * FROM orders WHERE ts > CURRENT_TIMESTAMP - INTERVAL '1' DAY)
SELECT id, SUM(amount) AS total FROM recent GROUP BY id;
