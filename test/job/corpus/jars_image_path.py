# Shape: the JAR baked into the container image under /opt/flink/lib, named by the job (absent on the
# developer machine, judged by its file name).
from pyflink.table import EnvironmentSettings, TableEnvironment

t_env = TableEnvironment.create(EnvironmentSettings.in_streaming_mode())
t_env.get_config().set("pipeline.classpaths", "file:///opt/flink/lib/flink-sql-connector-kafka-3.1.0-1.18.jar")
t_env.execute_sql("CREATE TABLE s (v STRING) WITH ('connector' = 'kafka', 'topic' = 't', 'format' = 'json')")
