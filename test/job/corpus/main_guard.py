# Shape: everything inside main() behind the __main__ guard, the DDL in a local variable (the layout of
# most PyFlink examples).
from pyflink.table import EnvironmentSettings, TableEnvironment


def main():
    t_env = TableEnvironment.create(EnvironmentSettings.in_streaming_mode())
    sink_ddl = """
        CREATE TABLE es_sink (id STRING, cnt BIGINT, PRIMARY KEY (id) NOT ENFORCED) WITH (
            'connector' = 'elasticsearch-7',
            'hosts' = 'http://es:9200',
            'index' = 'counts'
        )
    """
    t_env.execute_sql(sink_ddl)


if __name__ == "__main__":
    main()
