# Shape: JAR path built from the job's own folder with os.path.join (common in AWS Managed Flink samples);
# the folder is only known at run time, the file name is known.
import os

from pyflink.table import EnvironmentSettings, TableEnvironment

CURRENT_DIR = os.path.dirname(os.path.realpath(__file__))
t_env = TableEnvironment.create(EnvironmentSettings.in_streaming_mode())
jar = os.path.join(CURRENT_DIR, "lib", "flink-sql-connector-kinesis-5.0.0-1.20.jar")
t_env.get_config().set("pipeline.jars", f"file://{jar}")
