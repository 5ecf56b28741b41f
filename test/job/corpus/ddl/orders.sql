-- DDL kept next to the job and read by sql_read_file.py at run time.
CREATE TABLE orders (
    id BIGINT,
    amount DECIMAL(10, 2)
) WITH (
    'connector' = 'kinesis',
    'stream' = 'orders',
    'format' = 'json'
);

CREATE TABLE totals (id BIGINT, total DECIMAL(10, 2)) WITH (
    'connector' = 'jdbc',
    'url' = 'jdbc:postgresql://db:5432/shop',
    'table-name' = 'totals'
);
