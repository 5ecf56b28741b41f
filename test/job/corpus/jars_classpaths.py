# Shape: add_classpaths for a UDF JAR and set_string("pipeline.classpaths") for a shared one.
from pyflink.datastream import StreamExecutionEnvironment
from pyflink.table import StreamTableEnvironment

env = StreamExecutionEnvironment.get_execution_environment()
env.add_classpaths("file:///opt/jobs/udfs/my-udfs-1.0.jar")
t_env = StreamTableEnvironment.create(env)
t_env.get_config().get_configuration().set_string("pipeline.classpaths", "file:///shared/flink-sql-parquet-1.20.1.jar")
