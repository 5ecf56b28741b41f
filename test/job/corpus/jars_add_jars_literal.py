# Shape: two JARs added with one env.add_jars call (file:// URLs written out), as the PyFlink dependency
# management docs show.
from pyflink.datastream import StreamExecutionEnvironment

env = StreamExecutionEnvironment.get_execution_environment()
env.add_jars(
    "file:///opt/jobs/lib/flink-sql-connector-kafka-3.3.0-1.20.jar",
    "file:///opt/jobs/lib/flink-sql-avro-1.20.1.jar",
)
env.execute("jars")
