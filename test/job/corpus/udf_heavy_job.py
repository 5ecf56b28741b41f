# Shape: a job that is mostly Python UDFs (the usual bulk of a real job), one DDL at the end; the reader
# must not lose the DDL among them.
from pyflink.table import DataTypes, EnvironmentSettings, TableEnvironment
from pyflink.table.udf import udf


@udf(result_type=DataTypes.STRING())
def clean(value):
    """Lower-cases; the string 'connector' here is just data."""
    if value is None:
        return None
    text = value.strip().lower()
    return text.replace("'connector' = 'kafka'", "")


@udf(result_type=DataTypes.BIGINT())
def length(value):
    return len(value or "")


t_env = TableEnvironment.create(EnvironmentSettings.in_streaming_mode())
t_env.create_temporary_function("clean", clean)
t_env.execute_sql("CREATE TABLE words (w STRING) WITH ('connector' = 'kafka', 'topic' = 'w', 'format' = 'csv')")
