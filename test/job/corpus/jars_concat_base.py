# Shape: "file:///" + base + "/x.jar" (the old scanner made two bogus entries of it).
import os

from pyflink.datastream import StreamExecutionEnvironment

base = os.getcwd()
env = StreamExecutionEnvironment.get_execution_environment()
env.add_jars("file:///" + base + "/lib/flink-sql-connector-kafka-4.0.1-2.0.jar")
