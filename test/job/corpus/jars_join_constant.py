# Shape: a module constant list of JARs joined with ';' into pipeline.jars (the old scanner said
# "0 entries, ok").
from pyflink.table import EnvironmentSettings, TableEnvironment

JARS = [
    "file:///opt/jobs/lib/flink-sql-connector-kafka-3.3.0-1.20.jar",
    "file:///opt/jobs/lib/flink-connector-jdbc-3.3.0-1.20.jar",
    "file:///opt/jobs/lib/postgresql-42.7.4.jar",
]
t_env = TableEnvironment.create(EnvironmentSettings.in_streaming_mode())
t_env.get_config().set("pipeline.jars", ";".join(JARS))
